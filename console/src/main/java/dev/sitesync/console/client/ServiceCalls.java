package dev.sitesync.console.client;

import java.util.function.Supplier;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

import dev.sitesync.console.domain.Answer;
import dev.sitesync.console.domain.ServiceFailure;

/**
 * Turns a call's outcome into an {@link Answer}: the service's refusal keeps its problem type and detail (its own words
 * reach the person), a connection failure or timeout becomes "not answering". Nothing a service does makes a page fail.
 */
public final class ServiceCalls {

    private static final Logger LOG = Logger.getLogger(ServiceCalls.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ServiceCalls() {
    }

    public static <T> Uni<Answer<T>> answer(String service, Supplier<Uni<T>> call) {
        Uni<T> started;
        try {
            started = call.get();
        } catch (RuntimeException e) {
            started = Uni.createFrom().failure(e);
        }
        return started.map(Answer::of).onFailure().recoverWithItem(e -> Answer.failed(failure(service, e)));
    }

    static ServiceFailure failure(String service, Throwable e) {
        if (e instanceof WebApplicationException web && web.getResponse() != null) {
            Response response = web.getResponse();
            JsonNode problem = problemOf(response);
            String type = problem.path("type").isTextual() ? problem.path("type").asText() : null;
            String detail = problem.path("detail").isTextual() ? problem.path("detail").asText() : null;
            if (response.getStatus() >= 500) {
                LOG.warnf("%s answered HTTP %d: %s", service, response.getStatus(), detail);
            }
            return new ServiceFailure(service, response.getStatus(), type, detail);
        }
        JacksonException unreadable = jsonFailure(e);
        if (unreadable != null) {
            LOG.warnf("%s answered what the console cannot read: %s", service, unreadable.getOriginalMessage());
            return ServiceFailure.unreadable(service, unreadable.getOriginalMessage().lines().findFirst().orElse(""));
        }
        Throwable cause = e instanceof ProcessingException && e.getCause() != null ? e.getCause() : e;
        LOG.warnf("%s did not answer: %s", service, cause.toString());
        return new ServiceFailure(service, 0, null, cause.getClass().getSimpleName().replace("Exception", "")
                .replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase());
    }

    /** The JSON parser's failure behind a call's, if that is what it was: the answer came, but did not fit. */
    private static JacksonException jsonFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof JacksonException json) {
                return json;
            }
        }
        return null;
    }

    private static JsonNode problemOf(Response response) {
        try {
            if (response.hasEntity() || response.bufferEntity()) {
                String body = response.readEntity(String.class);
                if (body != null && !body.isBlank()) {
                    return JSON.readTree(body);
                }
            }
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            LOG.debugf("A refusal without a problem body: %s", e.getMessage());
        }
        return JSON.createObjectNode();
    }
}
