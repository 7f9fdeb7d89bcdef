package dev.sitesync.frappe.sim.api;

import java.util.List;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.contracts.problem.Problem;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.frappe.sim.admin.AdminRefusal;
import dev.sitesync.frappe.sim.engine.FrappeError;
import dev.sitesync.frappe.sim.engine.Naming;
import dev.sitesync.frappe.sim.store.StoreException;
import dev.sitesync.frappe.sim.webhook.PythonJson;

/**
 * Every failure answered as Frappe answers it ({@code app.handle_exception}): the v1 envelope, {@code exc_type} and
 * the doubly encoded {@code _server_messages}, or v2's {@code errors} list under {@code /api/v2}; never a trace.
 */
public class ErrorEnvelopes {

    private static final Logger LOG = Logger.getLogger(ErrorEnvelopes.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** The caller's own {@code Accept}, set aside by {@link ApiRoutes}. */
    static final String ORIGINAL_ACCEPT = "X-Frappe-Sim-Original-Accept";

    @ServerExceptionMapper
    public Response frappe(FrappeError error, UriInfo uri, HttpHeaders headers) {
        return envelope(error, uri, headers);
    }

    @ServerExceptionMapper
    public Response admin(AdminRefusal refusal, UriInfo uri) {
        return problem(refusal.type(), refusal.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response unknownRoute(NotFoundException missing, UriInfo uri, HttpHeaders headers) {
        return envelope(new FrappeError("DoesNotExistError", 404, "Page " + uri.getPath() + " not found",
                "Page Not Found"), uri, headers);
    }

    @ServerExceptionMapper
    public Response wrongMethod(NotAllowedException wrong, UriInfo uri, HttpHeaders headers) {
        return envelope(new FrappeError("PermissionError", 403, "Not permitted", "Not permitted"), uri, headers);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException failure, UriInfo uri, HttpHeaders headers) {
        int status = failure.getResponse().getStatus();
        return envelope(new FrappeError(status == 415 ? "UnsupportedMediaType" : "ValidationError",
                status >= 500 ? 500 : status == 415 ? 415 : 417, failure.getMessage()), uri, headers);
    }

    /** Database trouble as Frappe reports it: a lock wait or deadlock is a QueryTimeoutError/QueryDeadlockError (500). */
    @ServerExceptionMapper
    public Response store(StoreException failure, UriInfo uri, HttpHeaders headers) {
        String excType = switch (failure.sqlState() == null ? "" : failure.sqlState()) {
            case "55P03", "57014" -> "QueryTimeoutError";
            case "40P01" -> "QueryDeadlockError";
            default -> null;
        };
        if (excType == null) {
            return unexpected(failure, uri, headers);
        }
        LOG.warnf("%s on %s: %s", excType, uri.getPath(), failure.getMessage());
        return envelope(new FrappeError(excType, 500, "Internal Server Error"), uri, headers);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception failure, UriInfo uri, HttpHeaders headers) {
        LOG.errorf(failure, "Unexpected failure on %s", uri.getPath());
        return envelope(new FrappeError(failure.getClass().getSimpleName(), 500, "Internal Server Error"), uri,
                headers);
    }

    /**
     * JSON when the path is under {@code /api/} and {@code Accept} does not start with {@code text}, or when it
     * names {@code application/json} ({@code app.handle_exception}); otherwise Frappe's HTML error page.
     */
    static Response envelope(FrappeError error, UriInfo uri, HttpHeaders headers) {
        String path = uri == null ? "" : uri.getPath();
        if (path.startsWith("/admin/")) {
            return problem(ProblemType.forStatus(error.status() == 417 ? 400 : error.status()),
                    String.join("; ", error.messages()), uri);
        }
        String accept = headers == null ? null : headers.getHeaderString(ORIGINAL_ACCEPT);
        if (accept == null) {
            accept = headers == null || headers.getHeaderString(HttpHeaders.ACCEPT) == null
                    ? ""
                    : headers.getHeaderString(HttpHeaders.ACCEPT);
        }
        boolean json = (path.startsWith("/api/") && !accept.startsWith("text")) || accept.contains("application/json");
        if (!json) {
            return Response.status(error.status()).type(MediaType.TEXT_HTML_TYPE).entity(htmlPage(error)).build();
        }
        boolean v2 = path.startsWith("/api/v2");
        return Response.status(error.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(v2 ? v2Body(error) : v1Body(error)).build();
    }

    /** The admin API is frappe-sim's own, not Frappe's: its refusals are RFC 9457 problems. */
    private static Response problem(ProblemType type, String detail, UriInfo uri) {
        ObjectNode body = JSON.objectNode().put("type", type.uri().toString()).put("title", type.title())
                .put("status", type.status()).put("detail", detail);
        if (uri != null) {
            body.put("instance", uri.getPath());
        }
        return Response.status(type.status()).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    private static String htmlPage(FrappeError error) {
        String title = escape(error.title());
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + title + "</title></head>\n<body>"
                + "<div class=\"page-card\"><h5 class=\"page-card-head\">" + title + "</h5><p>"
                + escape(error.messages().get(0)) + "</p></div></body></html>\n";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** {@code _server_messages}: a JSON string of a JSON list of JSON strings, each one {@code frappe.msgprint}. */
    public static ObjectNode v1Body(FrappeError error) {
        ArrayNode messages = JSON.arrayNode();
        String excId = Naming.hash();
        for (String message : error.messages()) {
            ObjectNode entry = JSON.objectNode().put("message", message).put("title", error.title())
                    .put("indicator", "red").put("raise_exception", 1).put("__frappe_exc_id", excId);
            messages.add(PythonJson.dumps(entry));
        }
        return JSON.objectNode().put("exc_type", error.excType()).put("_server_messages", PythonJson.dumps(messages));
    }

    private static ObjectNode v2Body(FrappeError error) {
        ObjectNode body = JSON.objectNode();
        ArrayNode errors = body.putArray("errors");
        List<String> messages = error.messages();
        for (String message : messages) {
            errors.addObject().put("type", error.excType()).put("message", message).put("title", error.title())
                    .put("indicator", "red");
        }
        return body;
    }
}
