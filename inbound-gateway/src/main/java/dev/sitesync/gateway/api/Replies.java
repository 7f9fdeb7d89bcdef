package dev.sitesync.gateway.api;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.ext.web.RoutingContext;

import dev.sitesync.contracts.problem.Problem;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.gateway.domain.Decision;

/** Writes the gateway's own answers: problems, and the small JSON bodies of webhook outcomes. */
@ApplicationScoped
public class Replies {

    private static final Logger LOG = Logger.getLogger(Replies.class);

    private final ObjectMapper json;

    public Replies(ObjectMapper json) {
        this.json = json;
    }

    public void refuse(RoutingContext rc, Refusal refusal) {
        Exchange.of(rc).decision = refusal.decision();
        problem(rc, refusal.problem(), refusal.getMessage(), refusal.headers());
    }

    /** Anything that is not a {@link Refusal} is a defect: logged here, answered without a word about it. */
    public void fail(RoutingContext rc, Throwable failure) {
        if (failure instanceof Refusal refusal) {
            refuse(rc, refusal);
            return;
        }
        LOG.errorf(failure, "Unexpected failure on %s %s", rc.request().method(), Exchange.of(rc).path);
        Exchange.of(rc).decision = Decision.ERROR;
        problem(rc, ProblemType.INTERNAL_ERROR,
                "An unexpected error occurred; quote the request ID when reporting it.", Map.of());
    }

    public void json(RoutingContext rc, int status, Object body) {
        if (rc.response().ended()) {
            return;
        }
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(write(body));
    }

    private void problem(RoutingContext rc, ProblemType type, String detail, Map<String, String> headers) {
        if (rc.response().ended() || rc.response().headWritten()) {
            return;
        }
        Problem problem = new Problem(type.uri(), type.title(), type.status(), detail, Exchange.of(rc).path,
                Exchange.of(rc).requestId, null);
        headers.forEach(rc.response()::putHeader);
        rc.response().setStatusCode(type.status()).putHeader("Content-Type", Problem.MEDIA_TYPE).end(write(problem));
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A reply cannot be written as JSON", e);
        }
    }
}
