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
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.frappe.sim.SimConfig;
import dev.sitesync.frappe.sim.engine.Caller;
import dev.sitesync.frappe.sim.engine.DocumentQueries;
import dev.sitesync.frappe.sim.engine.DocumentService;
import dev.sitesync.frappe.sim.engine.FrappeError;
import dev.sitesync.frappe.sim.engine.Naming;
import dev.sitesync.frappe.sim.engine.SiteClocks;
import dev.sitesync.frappe.sim.meta.DocField;
import dev.sitesync.frappe.sim.meta.DocTypeMeta;

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
    private final SiteClocks clocks;

    public MethodApi(Callers callers, DocumentService documents, DocumentQueries queries, ListRequests listRequests,
            Bodies bodies, SimConfig config, SiteClocks clocks) {
        this.callers = callers;
        this.documents = documents;
        this.queries = queries;
        this.listRequests = listRequests;
        this.bodies = bodies;
        this.config = config;
        this.clocks = clocks;
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
            case "frappe.client.get_time_zone" -> {
                Caller caller = callers.of(headers);
                return message(JSON.objectNode().put("time_zone", clocks.of(caller.site()).zone().getId()));
            }
            case "frappe.desk.form.load.getdoctype" -> {
                return getdoctype(callers.loggedIn(headers), text(arguments, "doctype"));
            }
            case "frappe.core.doctype.user.user.generate_keys" -> {
                Caller caller = callers.loggedIn(headers);
                requirePost(post);
                return message(generateKeys(caller, text(arguments, "user")));
            }
            default -> throw new FrappeError("DoesNotExistError", 404, "Failed to get method for command " + method);
        }
    }

    /**
     * {@code getdoctype}: the doctype's meta and its child tables' ({@code get_meta_bundle}) in {@code docs}, beside
     * {@code user_settings}; no {@code message}, as the function returns None.
     */
    private ObjectNode getdoctype(Caller caller, String doctype) {
        DocTypeMeta meta = documents.meta(caller, doctype);
        ObjectNode body = JSON.objectNode();
        ArrayNode docs = body.putArray("docs");
        docs.add(MetaDocuments.of(meta));
        for (DocField table : meta.tableFields()) {
            docs.add(MetaDocuments.of(documents.meta(caller, table.options())));
        }
        body.put("user_settings", "{}");
        return body;
    }

    /**
     * {@code generate_keys} ({@code frappe.only_for("System Manager")}): a new 15-character secret for the user (and
     * a key, if the user had none), saved on the User; the old secret stops working at once.
     */
    private ObjectNode generateKeys(Caller caller, String user) {
        if (!caller.isAdministrator() && !caller.roles().contains("System Manager")) {
            throw new FrappeError("PermissionError", 403, "This action is only allowed for <strong>System Manager"
                    + "</strong>", "Not Permitted");
        }
        String secret = Naming.hash(15);
        ObjectNode change = JSON.objectNode().put("api_secret", secret);
        if (documents.get(caller, "User", user).path("api_key").asText().isEmpty()) {
            change.put("api_key", Naming.hash(15));
        }
        documents.update(caller, "User", user, change);
        return JSON.objectNode().put("api_secret", secret);
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
