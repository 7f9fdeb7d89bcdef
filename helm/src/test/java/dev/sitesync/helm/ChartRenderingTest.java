package dev.sitesync.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;

/** helm lint --strict, and helm template for every values file of the build and every supported Kubernetes version. */
class ChartRenderingTest {

    static final List<String> MATRIX = Chart.MATRIX;

    @Test
    void theChartPassesStrictLint() {
        LintResult lint = new Helm(Chart.DIR).lint().strict().call();

        assertThat(lint.isFailed()).as("lint messages: %s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).noneMatch(message -> message.contains("[WARNING]") || message.contains("[ERROR]"));
    }

    @Test
    void theDefaultsRenderEveryServiceAndTheDefaultSite() {
        Rendering rendering = Chart.defaults().render();

        assertThat(rendering.deployments()).extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrder(
                "sitesync-identity-service", "sitesync-ownership-service", "sitesync-inbound-gateway",
                "sitesync-commerce-guard", "sitesync-console", "sitesync-sync-worker-central");
    }

    @ParameterizedTest
    @FieldSource("MATRIX")
    void eachValuesFileRendersObjectsThatParseStrictly(String values) {
        Rendering rendering = Chart.with(values).render();

        assertThat(rendering.deployments()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(rendering.manifests()).allSatisfy(manifest -> assertThat(manifest.object()).isNotNull());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.27.0", "1.30.4", "1.33.1", "1.35.0"})
    void supportedKubernetesVersionsRenderTheSameApiVersions(String version) {
        Rendering rendering = Chart.with("three-sites").kubeVersion(version).render();

        assertThat(rendering.ofKind("HorizontalPodAutoscaler"))
                .allMatch(m -> m.object().getApiVersion().equals("autoscaling/v2"));
        assertThat(rendering.ofKind("PodDisruptionBudget")).allMatch(m -> m.object().getApiVersion().equals("policy/v1"));
    }

    @Test
    void kubernetesOlderThan127IsRefused() {
        assertThat(Chart.defaults().kubeVersion("1.26.9").refusal()).contains("kubeVersion");
    }
}
