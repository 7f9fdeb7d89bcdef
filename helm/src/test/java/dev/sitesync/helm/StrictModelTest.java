package dev.sitesync.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The strict parse is only worth something if it refuses what a cluster would refuse or silently drop. */
class StrictModelTest {

    @Test
    void aMistypedFieldInAWorkloadIsRefused() {
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  selectr: {matchLabels: {a: b}}
                  template:
                    spec:
                      containers: [{name: x, imagee: y}]
                """;

        assertThatThrownBy(() -> Manifest.parse(deployment)).hasMessageContaining("selectr").hasMessageContaining("imagee");
    }

    @Test
    void aFieldOfAnOlderApiVersionIsRefused() {
        String hpa = """
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: x}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: x}
                  maxReplicas: 3
                  targetCPUUtilizationPercentage: 70
                """;

        assertThatThrownBy(() -> Manifest.parse(hpa)).hasMessageContaining("targetCPUUtilizationPercentage");
    }

    @Test
    void aPrometheusRuleWithAMistypedFieldIsRefused() {
        String rule = """
                apiVersion: monitoring.coreos.com/v1
                kind: PrometheusRule
                metadata: {name: x}
                spec:
                  groups: [{name: g, rules: [{alert: A, expr: up == 0, labels: {severity: x}, annotation: {}}]}]
                """;

        assertThatThrownBy(() -> Manifest.parse(rule)).hasMessageContaining("annotation");
    }

    @Test
    void aCustomResourceFieldItsCrdDoesNotDocumentIsRefused() {
        String cluster = """
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: x}
                spec: {instances: 2, storage: {size: 1Gi}, backups: {}}
                """;

        assertThatThrownBy(() -> Manifest.parse(cluster)).hasMessageContaining("spec.backups");
    }

    @Test
    void aKindWithNeitherModelNorDocumentedFieldsIsRefused() {
        String unknown = """
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: x}
                spec: {size: 1}
                """;

        assertThatThrownBy(() -> Manifest.parse(unknown)).hasMessageContaining("example.com/v1/Widget");
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
