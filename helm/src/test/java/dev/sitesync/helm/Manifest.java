package dev.sitesync.helm;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** One rendered object: its text as Helm wrote it, its tree, and the fabric8 model parsed from it strictly. */
record Manifest(String source, ObjectNode tree, HasMetadata object) {

    private static final YAMLMapper YAML = new YAMLMapper();

    static Optional<Manifest> parse(String document) {
        try {
            JsonNode tree = YAML.readTree(document);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                return Optional.empty();
            }
            String text = document.replaceFirst("(?m)^# Source: .*\\n", "").strip();
            return Optional.of(new Manifest(text, (ObjectNode) tree, StrictModel.parse(tree)));
        } catch (java.io.IOException e) {
            throw new AssertionError("Not YAML: " + e.getMessage() + "\n" + document, e);
        }
    }

    String kind() {
        return object.getKind();
    }

    String name() {
        return object.getMetadata().getName();
    }

    String key() {
        return kind() + "/" + name();
    }

    String label(String name) {
        return object.getMetadata().getLabels() == null ? null : object.getMetadata().getLabels().get(name);
    }

    boolean isHook() {
        return object.getMetadata().getAnnotations() != null
                && object.getMetadata().getAnnotations().containsKey("helm.sh/hook");
    }

    @Override
    public String toString() {
        return key();
    }

    <T> T as(Class<T> type) {
        return type.cast(object);
    }
}
