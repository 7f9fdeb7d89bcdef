package dev.sitesync.frappe.sim.api;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.frappe.sim.engine.Caller;
import dev.sitesync.frappe.sim.engine.DocumentQueries;
import dev.sitesync.frappe.sim.engine.DocumentService;
import dev.sitesync.frappe.sim.engine.FrappeError;

/** Frappe's v1 REST API ({@code frappe/api/v1.py}), at {@code /api/resource} and {@code /api/v1/resource}. */
@Path("/api/resource/{doctype}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class ResourceApi {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Callers callers;
    private final DocumentService documents;
    private final DocumentQueries queries;
    private final ListRequests listRequests;
    private final Bodies bodies;

    public ResourceApi(Callers callers, DocumentService documents, DocumentQueries queries, ListRequests listRequests,
            Bodies bodies) {
        this.callers = callers;
        this.documents = documents;
        this.queries = queries;
        this.listRequests = listRequests;
        this.bodies = bodies;
    }

    @GET
    public ObjectNode list(@PathParam("doctype") String doctype, @Context UriInfo uri, @Context HttpHeaders headers) {
        Caller caller = callers.of(headers);
        List<JsonNode> rows = queries.list(caller,
                listRequests.fromQuery(doctype, uri, "limit_start", "limit_page_length"));
        ObjectNode body = JSON.objectNode();
        body.putArray("data").addAll(rows);
        return body;
    }

    @POST
    public ObjectNode insert(@PathParam("doctype") String doctype, String body, @Context HttpHeaders headers) {
        Caller caller = callers.of(headers);
        return data(documents.insert(caller, doctype, bodies.document(body, headers), false));
    }

    @GET
    @Path("{name}")
    public ObjectNode get(@PathParam("doctype") String doctype, @PathParam("name") String name,
            @Context HttpHeaders headers) {
        return data(documents.get(callers.of(headers), doctype, name));
    }

    @PUT
    @Path("{name}")
    public ObjectNode update(@PathParam("doctype") String doctype, @PathParam("name") String name, String body,
            @Context HttpHeaders headers) {
        Caller caller = callers.of(headers);
        return data(documents.update(caller, doctype, name, bodies.document(body, headers)));
    }

    /** v15 answers 202 {@code {"data":"ok"}} (v13/v14 said {@code {"message":"ok"}}). */
    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("doctype") String doctype, @PathParam("name") String name,
            @Context HttpHeaders headers) {
        documents.delete(callers.of(headers), doctype, name);
        return Response.accepted(JSON.objectNode().put("data", "ok")).build();
    }

    /** {@code run_method}: the document methods SiteSync needs, {@code submit} and {@code cancel}. */
    @POST
    @Path("{name}")
    public ObjectNode runMethod(@PathParam("doctype") String doctype, @PathParam("name") String name,
            @Context UriInfo uri, String body, @Context HttpHeaders headers) {
        Caller caller = callers.of(headers);
        Map<String, JsonNode> arguments = bodies.arguments(uri.getQueryParameters(), body, headers);
        String method = arguments.containsKey("run_method") ? arguments.get("run_method").asText() : "";
        int docstatus = switch (method) {
            case "submit" -> 1;
            case "cancel" -> 2;
            default -> throw FrappeError.permission("Method " + method + " is not whitelisted");
        };
        return data(documents.update(caller, doctype, name, JSON.objectNode().put("docstatus", docstatus)));
    }

    static ObjectNode data(JsonNode value) {
        ObjectNode body = JSON.objectNode();
        body.set("data", value);
        return body;
    }
}
