package dev.sitesync.support.problem;

import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;

import dev.sitesync.contracts.problem.Problem.Violation;
import dev.sitesync.contracts.problem.ProblemType;

/**
 * Every error a service can raise, answered as RFC 9457 problem+json: SiteSync's own refusals, invalid input,
 * malformed JSON, security refusals and the framework's own 404/405/406/415. Nothing answers with a stack trace.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response refused(ProblemException e, HttpServerRequest request) {
        return ProblemResponses.of(e.type(), e.type().status(), e.getMessage(), e.violations(), request);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, HttpServerRequest request) {
        if (isReturnValueViolation(e)) {
            return unexpected(e, request); // our own answer is invalid: a defect, not the caller's fault
        }
        List<Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Violation(fieldOf(v), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
        String detail = violations.stream().map(v -> v.field() + " " + v.message()).findFirst()
                .map(first -> violations.size() == 1 ? first : first + " (and " + (violations.size() - 1) + " more)")
                .orElse("The request is invalid");
        return ProblemResponses.of(ProblemType.INVALID_REQUEST, 400, detail, violations, request);
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e, HttpServerRequest request) {
        return malformedJson(e, request);
    }

    /** Named apart: Quarkus has its own mapper for this subtype, which would otherwise win. */
    @ServerExceptionMapper
    public Response malformed(MismatchedInputException e, HttpServerRequest request) {
        return malformedJson(e, request);
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e, HttpServerRequest request) {
        return unauthenticated(request);
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, HttpServerRequest request) {
        return unauthenticated(request);
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationCompletionException e, HttpServerRequest request) {
        return unauthenticated(request);
    }

    /**
     * The token could not be checked because its issuer is out of reach (quarkus-oidc connects on first use when the
     * issuer was down at start): not the caller's fault, nor a defect here, so 503 and one line in the log.
     */
    @ServerExceptionMapper
    public Response issuerUnavailable(OIDCException e, HttpServerRequest request) {
        LOG.warnf("Token not checked on %s %s: the OIDC issuer is out of reach (%s)",
                request == null ? "?" : request.method(), request == null ? "?" : request.path(), e.getMessage());
        return ProblemResponses.of(ProblemType.UNAVAILABLE,
                "The bearer token cannot be checked right now because its issuer is out of reach; retry later.",
                request);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return ProblemResponses.of(ProblemType.FORBIDDEN,
                "The token is valid but lacks a role this operation needs; the API reference lists the roles per endpoint.",
                request);
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e, HttpServerRequest request) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json, request);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, request);
        }
        ProblemType type = ProblemType.forStatus(status);
        return ProblemResponses.of(type, status, frameworkDetail(e, status, request), null, request);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        LOG.errorf(e, "Unexpected error on %s %s", request == null ? "?" : request.method(),
                request == null ? "?" : request.path());
        return ProblemResponses.of(ProblemType.INTERNAL_ERROR,
                "An unexpected error occurred; it has been logged. Quote the request ID when reporting it.", request);
    }

    private static Response unauthenticated(HttpServerRequest request) {
        return ProblemResponses.of(ProblemType.UNAUTHENTICATED,
                "Send a valid OIDC bearer token in the Authorization header; its issuer, audience, expiry and signature are checked.",
                request);
    }

    private static Response malformedJson(JsonProcessingException e, HttpServerRequest request) {
        String detail;
        List<Violation> violations = null;
        if (e instanceof JsonParseException parse) {
            detail = "The body is not valid JSON (line %d, column %d); send a JSON document."
                    .formatted(parse.getLocation().getLineNr(), parse.getLocation().getColumnNr());
        } else if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = jsonPath(mapping.getPath());
            String why = mapping instanceof UnrecognizedPropertyException
                    ? "is not a known field"
                    : "has the wrong type or shape";
            detail = "Field '%s' %s; see the API reference for this endpoint's body.".formatted(field, why);
            violations = List.of(new Violation(field, why));
        } else {
            detail = "The body does not match this endpoint's JSON shape; see the API reference.";
        }
        return ProblemResponses.of(ProblemType.MALFORMED_JSON, 400, detail, violations, request);
    }

    private static String frameworkDetail(WebApplicationException e, int status, HttpServerRequest request) {
        String path = request == null ? "this path" : request.path();
        return switch (status) {
            case 404 -> e instanceof jakarta.ws.rs.NotFoundException && e.getMessage() != null
                    && !e.getMessage().startsWith("HTTP 404")
                            ? e.getMessage()
                            : "Nothing at " + path + "; the API reference is at /q/openapi.";
            case 405 -> "Method " + request.method() + " is not allowed on " + path + allowed(e) + ".";
            case 406 -> "This endpoint answers application/json; send an Accept header that allows it.";
            case 415 -> "Send the body as application/json with a matching Content-Type header.";
            default -> "The request could not be processed (HTTP " + status + ").";
        };
    }

    private static String allowed(WebApplicationException e) {
        if (e instanceof NotAllowedException) {
            Set<String> allow = e.getResponse().getAllowedMethods();
            String header = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
            if (!allow.isEmpty()) {
                return "; allowed: " + String.join(", ", allow);
            } else if (header != null) {
                return "; allowed: " + header;
            }
        }
        return "";
    }

    /** {@code resolve.request.items[3].site} becomes {@code items[3].site}; a bare parameter keeps its name. */
    static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        int nodes = 0;
        for (Path.Node node : violation.getPropertyPath()) {
            nodes++;
            if (node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER && hasMoreThan(violation.getPropertyPath(), nodes)) {
                continue;
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                field.append('[').append(node.getIndex()).append(']');
                continue;
            }
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return field.toString();
    }

    private static boolean isReturnValueViolation(ConstraintViolationException e) {
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getKind() == ElementKind.RETURN_VALUE) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasMoreThan(Path path, int count) {
        int size = 0;
        for (Path.Node ignored : path) {
            size++;
        }
        return size > count;
    }

    private static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(ref.getFieldName());
            }
        }
        return field.toString();
    }
}
