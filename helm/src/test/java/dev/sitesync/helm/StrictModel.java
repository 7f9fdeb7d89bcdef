package dev.sitesync.helm;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Parses a rendered object with the fabric8 model and refuses any field the model does not know (a typo such as
 * {@code selectr} or {@code targetAverageUtilization} in autoscaling/v2), which Jackson would otherwise keep quietly
 * as an additional property. Custom resources without a fabric8 model are held to the fields their CRDs document.
 */
final class StrictModel {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** Fields of the custom resources the chart renders, by apiVersion/kind, as path patterns. */
    private static final Map<String, List<String>> CUSTOM_FIELDS = Map.of(
            "postgresql.cnpg.io/v1/Cluster", List.of("spec.instances", "spec.imageName", "spec.storage.size",
                    "spec.storage.storageClass", "spec.resources.(requests|limits).(cpu|memory)",
                    "spec.bootstrap.initdb.(database|owner)", "spec.monitoring.enablePodMonitor",
                    "spec.backup.retentionPolicy", "spec.backup.barmanObjectStore.(destinationPath|endpointURL)",
                    "spec.backup.barmanObjectStore.s3Credentials.(accessKeyId|secretAccessKey).(name|key)"),
            "postgresql.cnpg.io/v1/ScheduledBackup", List.of("spec.schedule", "spec.backupOwnerReference",
                    "spec.cluster.name", "spec.immediate"),
            "external-secrets.io/v1/ExternalSecret", List.of("spec.refreshInterval", "spec.secretStoreRef.(name|kind)",
                    "spec.target.(name|creationPolicy)", "spec.data\\[\\].secretKey",
                    "spec.data\\[\\].remoteRef.(key|property)"),
            "k8s.keycloak.org/v2alpha1/KeycloakRealmImport", List.of("spec.keycloakCRName", "spec.realm\\..+",
                    "spec.placeholders.[A-Z0-9_]+.secret.(name|key)"));

    private static final List<String> COMMON_FIELDS = List.of("apiVersion", "kind", "metadata.name",
            "metadata.labels\\..+", "metadata.annotations\\..+");

    private StrictModel() {
    }

    static HasMetadata parse(JsonNode tree) {
        KubernetesResource resource = SERIALIZATION.unmarshal(tree.toString(), KubernetesResource.class);
        if (!(resource instanceof HasMetadata object)) {
            throw new AssertionError("Not a Kubernetes object: " + tree);
        }
        List<String> unknown = new ArrayList<>();
        if (object instanceof GenericKubernetesResource) {
            customFieldsUnknown(tree, unknown);
        } else {
            modelFieldsUnknown(object, "", unknown);
        }
        if (!unknown.isEmpty()) {
            throw new AssertionError(object.getKind() + "/" + object.getMetadata().getName()
                    + " has fields its schema does not know: " + unknown);
        }
        return object;
    }

    private static void customFieldsUnknown(JsonNode tree, List<String> unknown) {
        String type = tree.path("apiVersion").asText() + "/" + tree.path("kind").asText();
        List<String> fields = CUSTOM_FIELDS.get(type);
        if (fields == null) {
            unknown.add("the whole object: no model and no documented fields for " + type);
            return;
        }
        List<Pattern> allowed = new ArrayList<>();
        COMMON_FIELDS.forEach(field -> allowed.add(Pattern.compile(field)));
        fields.forEach(field -> allowed.add(Pattern.compile(field)));
        leaves(tree, "", path -> {
            if (allowed.stream().noneMatch(pattern -> pattern.matcher(path).matches())) {
                unknown.add(path);
            }
        });
    }

    private static void leaves(JsonNode node, String path, java.util.function.Consumer<String> sink) {
        if (node.isObject() && node.size() > 0) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                leaves(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), sink);
            }
        } else if (node.isArray() && node.size() > 0) {
            node.forEach(element -> leaves(element, path + "[]", sink));
        } else {
            sink.accept(path);
        }
    }

    /** Walks the model's getters; every object's additionalProperties must be empty. */
    private static void modelFieldsUnknown(Object value, String path, List<String> unknown) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, child) -> modelFieldsUnknown(child, path + "." + key, unknown));
            return;
        }
        if (value instanceof Collection<?> collection) {
            int index = 0;
            for (Object child : collection) {
                modelFieldsUnknown(child, path + "[" + index++ + "]", unknown);
            }
            return;
        }
        if (value == null || !value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object child = invoke(getter, value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add((path.isEmpty() ? "." : path) + " " + extra.keySet());
                }
            } else {
                String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
                modelFieldsUnknown(child, path + "." + field, unknown);
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }
}
