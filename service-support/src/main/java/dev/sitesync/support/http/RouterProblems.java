package dev.sitesync.support.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationRedirectException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.sitesync.contracts.problem.Problem;
import dev.sitesync.contracts.problem.ProblemType;

/**
 * Answers failures raised below REST (an oversized body, a broken request) as problem+json too, so no error of any
 * layer reaches a caller as an HTML page or a stack trace.
 */
@ApplicationScoped
public class RouterProblems {

    private static final Logger LOG = Logger.getLogger(RouterProblems.class);

    private final ObjectMapper json;
    private final long maxBodyBytes;

    public RouterProblems(ObjectMapper json,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize maxBody) {
        this.json = json;
        this.maxBodyBytes = maxBody.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(rc -> {
            if (rc.failure() instanceof AuthenticationRedirectException) {
                // not an error: a browser's sign-in (code flow) or sign-out going on; Quarkus answers the redirect
                rc.next();
            } else {
                answer(rc, rc.statusCode() > 0 ? rc.statusCode() : 500);
            }
        });
        // Quarkus refuses an oversized declared body with a bare 413 before any failure handler; answer it first.
        router.route().order(Integer.MIN_VALUE + 1).handler(rc -> {
            String length = rc.request().getHeader("Content-Length");
            if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19
                    && Long.parseLong(length) > maxBodyBytes) {
                rc.response().putHeader("Connection", "close");
                answer(rc, 413);
            } else {
                rc.next();
            }
        });
    }

    private void answer(RoutingContext rc, int status) {
        if (rc.response().ended() || rc.response().headWritten()) {
            return;
        }
        if (status >= 500) {
            LOG.errorf(rc.failure(), "Failure below REST on %s %s", rc.request().method(), rc.request().path());
        }
        ProblemType type = ProblemType.forStatus(status);
        String detail = switch (status) {
            case 413 -> "The request body is larger than this service accepts; send a smaller body or split the batch.";
            case 414, 431 -> "The request line or headers are too large.";
            default -> status >= 500
                    ? "An unexpected error occurred; quote the request ID when reporting it."
                    : "The request could not be processed (HTTP " + status + ").";
        };
        Problem problem = new Problem(type.uri(), type.title(), status, detail, rc.request().path(),
                rc.request().getHeader(RequestIds.HEADER), null);
        try {
            rc.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            rc.response().setStatusCode(status).end();
        }
    }
}
