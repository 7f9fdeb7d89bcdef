package dev.sitesync.ownership.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sitesync.contracts.ownership.DataClass;

/** Builds the model from a tree that passed the schema and {@link PolicyRules}, so every value is known good. */
final class PolicyMapper {

    private PolicyMapper() {
    }

    static Policy toPolicy(JsonNode root) {
        return new Policy(list(root.path("sites"), PolicyMapper::site), list(root.path("domains"), PolicyMapper::domain),
                list(root.path("transfers"), PolicyMapper::transfer));
    }

    private static Site site(JsonNode node) {
        return new Site(node.get("code").asText(), node.get("name").asText(), node.get("baseUrl").asText(),
                SiteStatus.parse(node.get("status").asText()), map(node.path("versions"), Version::parse),
                strings(node.path("webhookCidrs")), strings(node.path("contacts")), text(node, "credentialsSecret"));
    }

    private static Domain domain(JsonNode node) {
        return new Domain(node.get("doctype").asText(), DataClass.valueOf(node.get("class").asText()), ownership(node),
                list(node.path("consumers"), PolicyMapper::consumer), capture(node.get("capture")),
                text(node, "businessOwner"), text(node, "technicalOwner"), text(node, "escalation"),
                map(node.path("supportedVersions"), VersionRange::parse));
    }

    private static Ownership ownership(JsonNode domain) {
        if (domain.has("owner")) {
            return new Ownership.SingleOwner(domain.get("owner").asText());
        }
        if (domain.has("federated")) {
            JsonNode federated = domain.get("federated");
            return new Ownership.Federated(federated.get("field").asText(), map(federated.get("owners"), Function.identity()));
        }
        return null;
    }

    private static Consumer consumer(JsonNode node) {
        return new Consumer(node.get("site").asText(), strings(node.path("excludeFields")),
                strings(node.path("localFields")));
    }

    private static Capture capture(JsonNode node) {
        return node == null ? Capture.DEFAULT : new Capture(Capture.Mode.parse(node.get("mode").asText()), text(node, "cron"));
    }

    private static Transfer transfer(JsonNode node) {
        return new Transfer(node.get("doctype").asText(), text(node, "scope"), node.get("from").asText(),
                node.get("to").asText(), text(node, "reason"));
    }

    private static <T> List<T> list(JsonNode array, Function<JsonNode, T> mapper) {
        List<T> items = new ArrayList<>();
        array.forEach(item -> items.add(mapper.apply(item)));
        return List.copyOf(items);
    }

    private static <T> Map<String, T> map(JsonNode object, Function<String, T> mapper) {
        Map<String, T> map = new LinkedHashMap<>();
        object.properties().forEach(entry -> map.put(entry.getKey(), mapper.apply(entry.getValue().asText())));
        return map;
    }

    private static List<String> strings(JsonNode array) {
        return list(array, JsonNode::asText);
    }

    private static String text(JsonNode node, String field) {
        return node.has(field) ? node.get(field).asText() : null;
    }
}
