package dev.sitesync.guard.api;

import java.util.stream.Collectors;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.vertx.core.http.HttpServerRequest;

import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.frappe.client.FrappeException;
import dev.sitesync.support.problem.ProblemResponses;

/** What a site answered when it refused or failed, as problem+json. */
public class GuardProblemMappers {

    private static final Logger LOG = Logger.getLogger(GuardProblemMappers.class);

    /**
     * A site's refusal of what the guard sent is the caller's to fix (422, with the site's words); a site that does not
     * answer, or refuses the guard's own credentials, is a dependency failure (503) that an operator must see.
     */
    @ServerExceptionMapper
    public Response site(FrappeException failure, HttpServerRequest request) {
        return switch (failure.kind()) {
            case VALIDATION, NOT_FOUND, BAD_REQUEST -> ProblemResponses.of(ProblemType.UNPROCESSABLE,
                    "The site refused the request: " + siteWords(failure), request);
            case DUPLICATE, TIMESTAMP_MISMATCH -> ProblemResponses.of(ProblemType.CONFLICT,
                    "The site reports a conflict: " + siteWords(failure), request);
            case AUTHENTICATION, PERMISSION -> {
                LOG.errorf("A site refused commerce-guard's credentials: %s", failure.getMessage());
                yield ProblemResponses.of(ProblemType.UNAVAILABLE,
                        "The site refused commerce-guard's own credentials; operators are alerted. Retry later.",
                        request);
            }
            case RATE_LIMITED, UNAVAILABLE -> {
                LOG.warnf("A site did not answer: %s", failure.getMessage());
                yield ProblemResponses.of(ProblemType.UNAVAILABLE,
                        "The site did not answer in time, so the order could not be checked or created; retry later.",
                        request);
            }
        };
    }

    private static String siteWords(FrappeException failure) {
        String messages = failure.serverMessages().stream().map(m -> m.plainText()).filter(m -> !m.isEmpty())
                .collect(Collectors.joining("; "));
        return messages.isEmpty() ? failure.getMessage() : messages;
    }
}
