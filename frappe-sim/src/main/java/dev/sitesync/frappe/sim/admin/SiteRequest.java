package dev.sitesync.frappe.sim.admin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What a request to a site's API is, told from its method and path alone (so counting costs no body parsing): a
 * {@code list}, {@code get}, {@code insert}, {@code update}, {@code delete} of a doctype, a {@code method} call (by
 * name, with the doctype when the query string names one), or {@code other} (v2 meta and count).
 */
public record SiteRequest(String kind, String doctype, String method) {

    public static Optional<SiteRequest> of(String httpMethod, String path, String doctypeParameter) {
        String[] parts = path.split("/");
        // "", "api", then the route's own parts
        if (parts.length < 3 || !"api".equals(parts[1])) {
            return Optional.empty();
        }
        boolean v2 = "v2".equals(parts[2]);
        int at = v2 ? 3 : 2;
        if (parts.length <= at) {
            return Optional.of(new SiteRequest("other", null, null));
        }
        String route = parts[at];
        if ("method".equals(route) && parts.length > at + 1) {
            return Optional.of(new SiteRequest("method", blankless(doctypeParameter), decode(parts[at + 1])));
        }
        if (!(v2 ? "document" : "resource").equals(route) || parts.length <= at + 1) {
            return Optional.of(new SiteRequest("other", null, null));
        }
        String doctype = decode(parts[at + 1]);
        if (parts.length == at + 2) {
            return Optional.of(new SiteRequest("GET".equals(httpMethod) ? "list" : "insert", doctype, null));
        }
        if (parts.length > at + 4 && "method".equals(parts[at + 3])) {
            return Optional.of(new SiteRequest("method", doctype, decode(parts[at + 4])));
        }
        String kind = switch (httpMethod) {
            case "GET" -> "get";
            case "PUT", "PATCH" -> "update";
            case "DELETE" -> "delete";
            // v1's POST on a document is run_method
            default -> "method";
        };
        return Optional.of(new SiteRequest(kind, doctype, "method".equals(kind) ? "run_method" : null));
    }

    private static String decode(String segment) {
        // a path segment: '+' is a plus sign, not a space
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String blankless(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
