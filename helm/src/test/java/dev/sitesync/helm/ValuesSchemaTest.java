package dev.sitesync.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * values.schema.json refuses bad values, each for its own reason: every case below is valid except for one
 * mistake, and Helm must name that mistake. A schema that validates nothing would pass the good cases and fail these.
 */
class ValuesSchemaTest {

    static List<Arguments> refusals() {
        return List.of(
                Arguments.of("a site code with capitals or '_'", Map.of("sites.Bad_Site.enabled", true), "Bad_Site"),
                Arguments.of("a site code longer than 32", Map.of("sites.a234567890123456789012345678901234.enabled", true),
                        "a234567890123456789012345678901234"),
                Arguments.of("an unknown top-level key", Map.of("replicas", 3), "replicas"),
                Arguments.of("a mistyped key in a service", Map.of("identity.replicas", 3), "replicas"),
                Arguments.of("a mistyped key in a site", Map.of("sites.central.secret", "x"), "secret"),
                Arguments.of("a site without its ERPNext URL", Map.of("sites.central.frappe.url", ""), "url"),
                Arguments.of("an unknown PostgreSQL mode", Map.of("postgresql.mode", "embedded"), "mode"),
                Arguments.of("the image tag latest", Map.of("image.tag", "latest"), "tag"),
                Arguments.of("an unknown pull policy", Map.of("image.pullPolicy", "Sometimes"), "pullPolicy"),
                Arguments.of("zero replicas", Map.of("identity.replicaCount", 0), "replicaCount"),
                Arguments.of("a CPU target above 100 %",
                        Map.of("serviceDefaults.autoscaling.targetCPUUtilizationPercentage", 150),
                        "targetCPUUtilizationPercentage"),
                Arguments.of("a worker egress address that is no CIDR",
                        Map.of("sites.central.egress.cidrs[0]", "erp.example.com"),
                        "cidrs"),
                Arguments.of("an issuer that is no URL", Map.of("oidc.issuerUrl", "keycloak"), "issuerUrl"),
                Arguments.of("a five-field backup schedule", Map.of("postgresql.cnpg.backup.schedule", "0 2 * * *"),
                        "schedule"),
                Arguments.of("an alert name that is none of ours",
                        Map.of("monitoring.prometheusRule.excludeRules[0]", "TargetDown"),
                        "excludeRules"),
                Arguments.of("an environment variable with both a value and a Secret",
                        Map.of("identity.extraEnv[0].name", "X", "identity.extraEnv[0].value", "v",
                                "identity.extraEnv[0].secretKeyRef.name", "s", "identity.extraEnv[0].secretKeyRef.key", "k"),
                        "extraEnv"),
                Arguments.of("resources without a memory limit", Map.of("syncWorker.resources.limits.memory", ""),
                        "memory"),
                Arguments.of("a guard property outside guard.*", Map.of("commerceGuard.properties.quarkus\\.http\\.port", "1"),
                        "properties"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void helmRefusesValuesWith(String mistake, Map<String, Object> values, String named) {
        Chart chart = Chart.defaults();
        values.forEach(chart::set);

        assertThat(chart.refusal()).as(mistake).contains(named);
    }

    @Test
    void autoscalingBoundsTheWrongWayRoundAreRefused() {
        String refusal = Chart.defaults().set("identity.autoscaling.minReplicas", 5).set("identity.autoscaling.maxReplicas", 3)
                .refusal();

        assertThat(refusal).contains("minReplicas (5) is above maxReplicas (3)");
    }

    @Test
    void anExternalDatabaseWithoutHostIsRefused() {
        assertThat(Chart.defaults().set("identity.database.host", "").refusal()).contains("needs host and existingSecret");
    }

    @Test
    void everyObjectInTheSchemaRefusesKeysItDoesNotName() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(Files.readString(Chart.DIR.resolve("values.schema.json")));
        List<String> open = new ArrayList<>();
        walk(schema, "", open);

        assertThat(open).as("objects without additionalProperties: false").isEmpty();
    }

    private static void walk(JsonNode node, String path, List<String> open) {
        if (node.isObject()) {
            if (node.path("type").asText().equals("object") && !node.path("additionalProperties").isBoolean()
                    || node.path("type").asText().equals("object") && node.path("additionalProperties").asBoolean()) {
                open.add(path);
            }
            node.fields().forEachRemaining(field -> walk(field.getValue(), path + "/" + field.getKey(), open));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "/" + i, open);
            }
        }
    }
}
