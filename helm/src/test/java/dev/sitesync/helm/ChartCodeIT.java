package dev.sitesync.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import dev.sitesync.console.config.ConsoleConfig;
import dev.sitesync.gateway.config.GatewayConfig;
import dev.sitesync.gateway.config.Senders;
import dev.sitesync.guard.config.GuardConfig;
import dev.sitesync.ownership.config.OwnershipConfig;
import dev.sitesync.support.logging.LogConfig;
import dev.sitesync.worker.config.WorkerConfig;

/**
 * Holds the chart to the code, so neither can drift: ports and probe paths against the manifest quarkus-kubernetes
 * generates for each service at package time (hence an integration test: it runs after the services are packaged),
 * and every environment variable the chart sets against what the service reads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChartCodeIT {

    record Service(String module, String deployment, List<Class<?>> mappings, List<String> directPrefixes) {

        @Override
        public String toString() {
            return module;
        }
    }

    private Rendering chart;

    @BeforeAll
    void render() {
        chart = Chart.with("three-sites").values(Chart.DIR.resolve("ci/monitoring-values.yaml")).render();
    }

    static List<Service> services() throws ReflectiveOperationException {
        List<String> senders = new ArrayList<>();
        for (String constant : List.of("WEBHOOK_SECRETS", "PAYMENT_SECRETS", "PAYMENT_CIDRS")) {
            Field prefix = Senders.class.getDeclaredField(constant);
            prefix.setAccessible(true);
            senders.add((String) prefix.get(null));
        }
        return List.of(new Service("identity-service", "sitesync-identity-service", List.of(LogConfig.class), List.of()),
                new Service("ownership-service", "sitesync-ownership-service", List.of(LogConfig.class, OwnershipConfig.class),
                        List.of()),
                new Service("sync-worker", "sitesync-sync-worker-central", List.of(LogConfig.class, WorkerConfig.class),
                        List.of()),
                new Service("inbound-gateway", "sitesync-inbound-gateway", List.of(LogConfig.class, GatewayConfig.class),
                        senders),
                new Service("commerce-guard", "sitesync-commerce-guard", List.of(LogConfig.class, GuardConfig.class),
                        List.of()),
                new Service("console", "sitesync-console", List.of(LogConfig.class, ConsoleConfig.class), List.of()));
    }

    @ParameterizedTest
    @MethodSource("services")
    void theChartListensAndProbesWhereTheServiceDoes(Service service) throws IOException {
        JsonNode generated = generatedContainer(service.module());
        Container container = Rendering.container(chart.get("Deployment", service.deployment()).as(Deployment.class));

        Map<String, Integer> generatedPorts = new TreeMap<>();
        generated.path("ports")
                .forEach(port -> generatedPorts.put(port.path("name").asText(), port.path("containerPort").asInt()));
        Map<String, Integer> chartPorts = new TreeMap<>();
        container.getPorts().forEach(port -> chartPorts.put(port.getName(), port.getContainerPort()));
        assertThat(chartPorts).as("container ports of %s", service).isEqualTo(generatedPorts);

        assertSameProbe(generated.path("startupProbe"), container.getStartupProbe(), chartPorts);
        assertSameProbe(generated.path("readinessProbe"), container.getReadinessProbe(), chartPorts);
        assertSameProbe(generated.path("livenessProbe"), container.getLivenessProbe(), chartPorts);
    }

    private static void assertSameProbe(JsonNode generated, Probe chart, Map<String, Integer> ports) {
        assertThat(generated.isMissingNode()).as("quarkus-kubernetes generated the probe").isFalse();
        assertThat(chart.getHttpGet().getPath()).isEqualTo(generated.path("httpGet").path("path").asText());
        assertThat(ports.get(chart.getHttpGet().getPort().getStrVal())).as("probe port of %s", chart.getHttpGet().getPath())
                .isEqualTo(generated.path("httpGet").path("port").asInt());
    }

    @ParameterizedTest
    @MethodSource("services")
    void everyVariableTheChartSetsIsOneTheServiceReads(Service service) throws IOException {
        DeclaredConfig declared = DeclaredConfig.of(service.module(), service.mappings(), service.directPrefixes());
        Container container = Rendering.container(chart.get("Deployment", service.deployment()).as(Deployment.class));

        List<String> unread = new ArrayList<>();
        container.getEnv().forEach(env -> {
            if (!declared.reads(env.getName())) {
                unread.add(env.getName());
            }
        });
        assertThat(container.getEnv()).isNotEmpty();
        assertThat(unread).as("variables %s does not read", service).isEmpty();
    }

    @Test
    void aVariableNoServiceReadsIsCaught() throws Exception {
        Service gateway = services().get(3);
        DeclaredConfig declared = DeclaredConfig.of(gateway.module(), gateway.mappings(), gateway.directPrefixes());

        assertThat(declared.reads("SITESYNC_GATEWAY_SITES_URL")).isTrue();
        assertThat(declared.reads("SITESYNC_WEBHOOK_SECRETS_NORTH")).isTrue();
        assertThat(declared.reads("SITESYNC_GATEWAY_SITE_URL")).as("a misspelt variable").isFalse();
        assertThat(declared.reads("QUARKUS_DATASOURCE_REACTIVE_URL")).as("the gateway has no reactive client").isFalse();
    }

    private static JsonNode generatedContainer(String module) throws IOException {
        Path manifest = Chart.ROOT.resolve(module).resolve("target/kubernetes/kubernetes.yml");
        assertThat(manifest).as("quarkus-kubernetes output; package %s first", module).exists();
        for (JsonNode document : new YAMLMapper().readerFor(JsonNode.class).readValues(Files.readString(manifest)).readAll()
                .stream().map(JsonNode.class::cast).toList()) {
            if (document.path("kind").asText().equals("Deployment")) {
                return document.path("spec").path("template").path("spec").path("containers").get(0);
            }
        }
        throw new AssertionError("No Deployment in " + manifest);
    }
}
