package dev.sitesync.frappe.sim.api;

import java.util.List;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.frappe.sim.engine.FrappeError;
import dev.sitesync.frappe.sim.engine.Naming;
import dev.sitesync.frappe.sim.webhook.PythonJson;

/**
 * Every failure answered as Frappe answers it ({@code app.handle_exception}): the v1 envelope, {@code exc_type} and
 * the doubly encoded {@code _server_messages}, or v2's {@code errors} list under {@code /api/v2}; never a trace.
 */
public class ErrorEnvelopes {

    private static final Logger LOG = Logger.getLogger(ErrorEnvelopes.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @ServerExceptionMapper
    public Response frappe(FrappeError error, UriInfo uri) {
        return envelope(error, uri);
    }

    @ServerExceptionMapper
    public Response unknownRoute(NotFoundException missing, UriInfo uri) {
        return envelope(new FrappeError("DoesNotExistError", 404, "Page " + uri.getPath() + " not found",
                "Page Not Found"), uri);
    }

    @ServerExceptionMapper
    public Response wrongMethod(NotAllowedException wrong, UriInfo uri) {
        return envelope(new FrappeError("PermissionError", 403, "Not permitted", "Not permitted"), uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException failure, UriInfo uri) {
        int status = failure.getResponse().getStatus();
        return envelope(new FrappeError(status == 415 ? "UnsupportedMediaType" : "ValidationError",
                status >= 500 ? 500 : status == 415 ? 415 : 417, failure.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception failure, UriInfo uri) {
        LOG.errorf(failure, "Unexpected failure on %s", uri.getPath());
        return envelope(new FrappeError(failure.getClass().getSimpleName(), 500, "Internal Server Error"), uri);
    }

    static Response envelope(FrappeError error, UriInfo uri) {
        boolean v2 = uri != null && uri.getPath().startsWith("/api/v2");
        return Response.status(error.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(v2 ? v2Body(error) : v1Body(error)).build();
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
