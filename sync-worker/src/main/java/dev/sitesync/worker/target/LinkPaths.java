package dev.sitesync.worker.target;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Sets a Link value at a dependency's path: {@code item_group}, or {@code uoms[2].uom} in a child row. */
final class LinkPaths {

    private static final Pattern CHILD = Pattern.compile("([A-Za-z0-9_]+)\\[(\\d+)]\\.([A-Za-z0-9_]+)");

    private LinkPaths() {
    }

    static void set(ObjectNode document, String path, String value) {
        Matcher child = CHILD.matcher(path);
        if (!child.matches()) {
            document.put(path, value);
            return;
        }
        JsonNode row = document.path(child.group(1)).path(Integer.parseInt(child.group(2)));
        if (row instanceof ObjectNode rowObject) {
            rowObject.put(child.group(3), value);
        }
    }
}
