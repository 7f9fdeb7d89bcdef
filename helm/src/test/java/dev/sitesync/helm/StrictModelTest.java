package dev.sitesync.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The strict parse is only worth something if it refuses what a cluster would refuse or silently drop. */
class StrictModelTest {

    static List<Arguments> mistakes() {
        return List.of(Arguments.of("a mistyped field in a workload", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  selectr: {matchLabels: {a: b}}
                  template:
                    spec:
                      containers: [{name: x, imagee: y}]
                """, List.of("selectr", "imagee")), Arguments.of("a field of an older API version", """
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: x}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: x}
                  maxReplicas: 3
                  targetCPUUtilizationPercentage: 70
                """, List.of("targetCPUUtilizationPercentage")), Arguments.of("a mistyped field in a PrometheusRule", """
                apiVersion: monitoring.coreos.com/v1
                kind: PrometheusRule
                metadata: {name: x}
                spec:
                  groups: [{name: g, rules: [{alert: A, expr: up == 0, labels: {severity: x}, annotation: {}}]}]
                """, List.of("annotation")), Arguments.of("a custom resource field its CRD does not document", """
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: x}
                spec: {instances: 2, storage: {size: 1Gi}, backups: {}}
                """, List.of("spec.backups")), Arguments.of("a kind with neither model nor documented fields", """
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: x}
                spec: {size: 1}
                """, List.of("example.com/v1/Widget")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void refuses(String mistake, String yaml, List<String> named) {
        assertThatThrownBy(() -> Manifest.parse(yaml)).as(mistake).hasMessageContainingAll(named.toArray(String[]::new));
    }

    @Test
    void aValidObjectParses() {
        String service = """
                apiVersion: v1
                kind: Service
                metadata: {name: x}
                spec: {selector: {a: b}, ports: [{name: http, port: 80, targetPort: http}]}
                """;

        assertThat(Manifest.parse(service)).hasValueSatisfying(manifest -> assertThat(manifest.key()).isEqualTo("Service/x"));
    }
}
