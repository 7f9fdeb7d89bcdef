package dev.sitesync.frappe.sim.api;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import dev.sitesync.frappe.sim.engine.ListRequest;
import dev.sitesync.frappe.sim.engine.Permissions;
import dev.sitesync.frappe.sim.meta.DocTypeMeta;
import dev.sitesync.frappe.sim.meta.PermissionType;

/** Enough of Frappe's v2 API ({@code frappe/api/v2.py}): document list, read, insert, update, delete, count. */
@Path("/api/v2")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class V2Api {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Callers callers;
    private final DocumentService documents;
    private final DocumentQueries queries;
    private final ListRequests listRequests;
    private final Bodies bodies;

    public V2Api(Callers callers, DocumentService documents, DocumentQueries queries, ListRequests listRequests,
            Bodies bodies) {
        this.callers = callers;
        this.documents = documents;
        this.queries = queries;
        this.listRequests = listRequests;
        this.bodies = bodies;
    }

    /** Fetches one row more than asked for, to say whether there is a next page. */
    @GET
    @Path("document/{doctype}")
    public ObjectNode list(@PathParam("doctype") String doctype, @Context UriInfo uri, @Context HttpHeaders headers) {
        Caller caller = callers.of(headers);
        ListRequest asked = listRequests.fromQuery(doctype, uri, "start", "limit");
        boolean paged = asked.pageLength() > 0;
        ListRequest oneMore = new ListRequest(doctype, asked.fields(), asked.filters(), asked.orFilters(),
                asked.orderBy(), asked.start(), paged ? asked.pageLength() + 1 : 0, true);
        List<JsonNode> rows = queries.list(caller, oneMore);
        boolean hasNext = paged && rows.size() > asked.pageLength();
        ObjectNode body = JSON.objectNode();
        body.putArray("data").addAll(hasNext ? rows.subList(0, asked.pageLength()) : rows);
        body.put("has_next_page", hasNext);
        return body;
    }

    @POST
    @Path("document/{doctype}")
    public ObjectNode insert(@PathParam("doctype") String doctype, String body, @Context HttpHeaders headers) {
        Caller caller = callers.of(headers);
        return ResourceApi.data(documents.insert(caller, doctype, bodies.document(body, headers), true));
    }

    @GET
    @Path("document/{doctype}/{name}")
    public ObjectNode get(@PathParam("doctype") String doctype, @PathParam("name") String name,
            @Context HttpHeaders headers) {
        return ResourceApi.data(documents.get(callers.of(headers), doctype, name));
    }

    @PUT
    @Path("document/{doctype}/{name}")
    public ObjectNode put(@PathParam("doctype") String doctype, @PathParam("name") String name, String body,
            @Context HttpHeaders headers) {
        return patch(doctype, name, body, headers);
    }

    @PATCH
    @Path("document/{doctype}/{name}")
    public ObjectNode patch(@PathParam("doctype") String doctype, @PathParam("name") String name, String body,
            @Context HttpHeaders headers) {
        Caller caller = callers.of(headers);
        return ResourceApi.data(documents.update(caller, doctype, name, bodies.document(body, headers)));
    }

    @DELETE
    @Path("document/{doctype}/{name}")
    public Response delete(@PathParam("doctype") String doctype, @PathParam("name") String name,
            @Context HttpHeaders headers) {
        documents.delete(callers.of(headers), doctype, name);
        return Response.accepted(JSON.objectNode().put("data", "ok")).build();
    }

    /** The doctype's meta as {@code frappe.get_meta(doctype).as_dict()} gives it, custom fields included. */
    @GET
    @Path("doctype/{doctype}/meta")
    public ObjectNode meta(@PathParam("doctype") String doctype, @Context HttpHeaders headers) {
        Caller caller = callers.of(headers);
        DocTypeMeta meta = documents.meta(caller, doctype);
        Permissions.check(caller, meta, PermissionType.READ);
        return ResourceApi.data(MetaDocuments.of(meta));
    }

    @GET
    @Path("doctype/{doctype}/count")
    public ObjectNode count(@PathParam("doctype") String doctype, @Context UriInfo uri, @Context HttpHeaders headers) {
        Caller caller = callers.of(headers);
        String filters = uri.getQueryParameters().getFirst("filters");
        return ResourceApi.data(JSON.numberNode(queries.count(caller, doctype,
                filters == null ? null : bodies.parse(filters))));
    }
}
