package dev.sitesync.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * k8s/ is the chart rendered with its default values, for kubectl users (`kubectl apply -k k8s/`). It must not drift
 * from the chart: regenerate it with {@code ./mvnw -pl helm -am verify -Dsitesync.k8s.update=true -Dtest=KubectlManifestsTest
 * -Dsurefire.failIfNoSpecifiedTests=false} after changing the chart.
 */
class KubectlManifestsTest {

    static final Path MANIFESTS = Chart.ROOT.resolve("k8s/sitesync.yaml");
    static final String HEADER = """
            # Generated from helm/sitesync with its default values (release "sitesync"); do not edit: change the chart and
            # regenerate (see KubectlManifestsTest). helm test pods are left out. Apply with: kubectl apply -k k8s/
            """;

    /** The chart's objects without the helm test hooks, in Helm's order. */
    static String rendered() {
        return HEADER + Chart.defaults().render().manifests().stream().filter(manifest -> !manifest.isHook())
                .map(manifest -> "---\n" + manifest.source() + "\n").collect(Collectors.joining());
    }

    @Test
    void k8sIsTheChartRenderedWithItsDefaults() throws IOException {
        String expected = rendered();
        if (Boolean.getBoolean("sitesync.k8s.update")) {
            Files.writeString(MANIFESTS, expected);
        }

        assertThat(Files.readString(MANIFESTS)).as("k8s/sitesync.yaml is stale: regenerate it").isEqualTo(expected);
    }

    @Test
    void theKustomizationAppliesTheManifestsInTheirNamespace() throws IOException {
        String kustomization = Files.readString(Chart.ROOT.resolve("k8s/kustomization.yaml"));

        assertThat(kustomization).contains("- sitesync.yaml").contains("namespace: " + Chart.NAMESPACE);
        assertThat(Manifest.parse(Files.readString(MANIFESTS).split("(?m)^---$")[1])).isPresent();
    }
}
