package dev.sitesync.frappe.sim.api;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.frappe.sim.SimConfig;
import dev.sitesync.frappe.sim.engine.Caller;
import dev.sitesync.frappe.sim.engine.DocumentQueries;
import dev.sitesync.frappe.sim.engine.DocumentService;
import dev.sitesync.frappe.sim.engine.FrappeError;

/** The whitelisted methods SiteSync and Frappe's own clients call ({@code /api/method/<dotted.path>}). */
@Path("/api/method/{method}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class MethodApi {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Callers callers;
    private final DocumentService documents;
    private final DocumentQueries queries;
    private final ListRequests listRequests;
    private final Bodies bodies;
    private final SimConfig config;

    public MethodApi(Callers callers, DocumentService documents, DocumentQueries queries, ListRequests listRequests,
            Bodies bodies, SimConfig config) {
        this.callers = callers;
        this.documents = documents;
        this.queries = queries;
        this.listRequests = listRequests;
        this.bodies = bodies;
        this.config = config;
    }

    @GET
    public ObjectNode get(@PathParam("method") String method, @Context UriInfo uri, @Context HttpHeaders headers) {
        return call(method, bodies.arguments(uri.getQueryParameters(), null, headers), headers, false);
    }

    @POST
    public ObjectNode post(@PathParam("method") String method, @Context UriInfo uri, String body,
            @Context HttpHeaders headers) {
        return call(method, bodies.arguments(uri.getQueryParameters(), body, headers), headers, true);
    }

    private ObjectNode call(String method, Map<String, JsonNode> arguments, HttpHeaders headers, boolean post) {
        switch (method) {
            case "ping" -> {
                callers.of(headers);
                return message(JSON.textNode("pong"));
            }
            case "frappe.auth.get_logged_user" -> {
                return message(JSON.textNode(callers.loggedIn(headers).user()));
            }
            case "frappe.utils.change_log.get_versions" -> {
                callers.loggedIn(headers);
                return message(versions());
            }
            case "frappe.client.get_count" -> {
                Caller caller = callers.loggedIn(headers);
                return message(JSON.numberNode(queries.count(caller, text(arguments, "doctype"),
                        bodies.json(arguments.get("filters")))));
            }
            case "frappe.client.get_list" -> {
                Caller caller = callers.loggedIn(headers);
                List<JsonNode> rows = queries.list(caller, listRequests.from(text(arguments, "doctype"), arguments,
                        "limit_start", "limit_page_length"));
                return message(JSON.arrayNode().addAll(rows));
            }
            case "frappe.client.get" -> {
                Caller caller = callers.loggedIn(headers);
                return message(documents.get(caller, text(arguments, "doctype"), text(arguments, "name")));
            }
            case "frappe.client.insert" -> {
                Caller caller = callers.loggedIn(headers);
                requirePost(post);
                JsonNode doc = bodies.json(arguments.get("doc"));
                if (doc == null || !doc.isObject()) {
                    throw FrappeError.validation("doc is required");
                }
                return message(documents.insert(caller, doc.path("doctype").asText(), (ObjectNode) doc, false));
            }
            case "frappe.client.cancel" -> {
                Caller caller = callers.loggedIn(headers);
                requirePost(post);
                documents.update(caller, text(arguments, "doctype"), text(arguments, "name"),
                        JSON.objectNode().put("docstatus", 2));
                return JSON.objectNode();
            }
            case "frappe.client.delete" -> {
                Caller caller = callers.loggedIn(headers);
                requirePost(post);
                documents.delete(caller, text(arguments, "doctype"), text(arguments, "name"));
                return JSON.objectNode();
            }
            default -> throw new FrappeError("DoesNotExistError", 404, "Failed to get method for command " + method);
        }
    }

    private ObjectNode versions() {
        ObjectNode apps = JSON.objectNode();
        apps.putObject("frappe").put("title", "Frappe Framework").put("description", "Full stack web framework")
                .put("branch", "version-" + major(config.versions().frappe()))
                .put("version", config.versions().frappe());
        apps.putObject("erpnext").put("title", "ERPNext").put("description", "ERP made simple")
                .put("branch", "version-" + major(config.versions().erpnext()))
                .put("version", config.versions().erpnext());
        return apps;
    }

    private static String major(String version) {
        return version.split("\\.")[0];
    }

    /** {@code handler.is_valid_http_method}: writes only through POST/PUT, else PermissionError. */
    private static void requirePost(boolean post) {
        if (!post) {
            throw FrappeError.permission("Not permitted");
        }
    }

    private static String text(Map<String, JsonNode> arguments, String key) {
        JsonNode value = arguments.get(key);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw new FrappeError("MandatoryError", 417, "Value missing for " + key);
        }
        return value.asText();
    }

    private static ObjectNode message(JsonNode value) {
        ObjectNode body = JSON.objectNode();
        body.set("message", value);
        return body;
    }
}
