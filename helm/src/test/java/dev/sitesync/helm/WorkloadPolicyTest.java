package dev.sitesync.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * What every rendering must hold, for the defaults and each values file: restricted Pod Security, probes and
 * resources, immutable and matching selectors, consistent autoscalers and disruption budgets, no secret values.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkloadPolicyTest {

    /** The labels a selector may use: they never change after the first install. */
    static final Set<String> SELECTOR_LABELS = Set.of("app.kubernetes.io/name", "app.kubernetes.io/instance",
            "app.kubernetes.io/component", "sitesync.io/site");
    static final List<String> STANDARD_LABELS = List.of("app.kubernetes.io/name", "app.kubernetes.io/instance",
            "app.kubernetes.io/component", "app.kubernetes.io/part-of", "app.kubernetes.io/version",
            "app.kubernetes.io/managed-by", "helm.sh/chart");

    private final Map<String, Rendering> renderings = new java.util.LinkedHashMap<>();

    @BeforeAll
    void render() {
        renderings.put("defaults", Chart.defaults().render());
        Chart.MATRIX.forEach(values -> renderings.put(values, Chart.with(values).render()));
    }

    Stream<String> renderings() {
        return Stream.concat(Stream.of("defaults"), Chart.MATRIX.stream());
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everyPodRunsUnderRestrictedPodSecurity(String values) {
        List<String> violations = new ArrayList<>();
        renderings.get(values).podSpecs().forEach(entry -> {
            PodSpec pod = entry.getValue();
            PodSecurityContext podSecurity = pod.getSecurityContext();
            if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID())
                    || Boolean.TRUE.equals(pod.getHostIPC())) {
                violations.add(entry.getKey() + ": host namespaces");
            }
            if (pod.getVolumes() != null && pod.getVolumes().stream().anyMatch(v -> v.getHostPath() != null)) {
                violations.add(entry.getKey() + ": hostPath volume");
            }
            if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
                violations.add(entry.getKey() + ": mounts a service account token it does not need");
            }
            for (Container container : pod.getContainers()) {
                String where = entry.getKey() + "/" + container.getName();
                SecurityContext security = container.getSecurityContext();
                if (security == null) {
                    violations.add(where + ": no securityContext");
                    continue;
                }
                boolean nonRoot = Boolean.TRUE.equals(security.getRunAsNonRoot())
                        || podSecurity != null && Boolean.TRUE.equals(podSecurity.getRunAsNonRoot());
                String seccomp = security.getSeccompProfile() != null
                        ? security.getSeccompProfile().getType()
                        : podSecurity != null && podSecurity.getSeccompProfile() != null
                                ? podSecurity.getSeccompProfile().getType()
                                : null;
                if (!nonRoot) {
                    violations.add(where + ": may run as root");
                }
                if (!"RuntimeDefault".equals(seccomp) && !"Localhost".equals(seccomp)) {
                    violations.add(where + ": seccomp " + seccomp);
                }
                if (!Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
                    violations.add(where + ": privilege escalation allowed");
                }
                if (Boolean.TRUE.equals(security.getPrivileged())) {
                    violations.add(where + ": privileged");
                }
                if (!Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())) {
                    violations.add(where + ": writable root filesystem");
                }
                if (security.getCapabilities() == null || !List.of("ALL").equals(security.getCapabilities().getDrop())
                        || security.getCapabilities().getAdd() != null && !security.getCapabilities().getAdd().isEmpty()) {
                    violations.add(where + ": capabilities not all dropped");
                }
                if (container.getResources() == null || container.getResources().getRequests() == null
                        || !container.getResources().getRequests().containsKey("memory")
                        || container.getResources().getLimits() == null
                        || !container.getResources().getLimits().containsKey("memory")) {
                    violations.add(where + ": no memory request and limit");
                }
                String image = container.getImage();
                if (image == null || !image.matches(".+:[A-Za-z0-9_][A-Za-z0-9_.-]*") || image.endsWith(":latest")) {
                    violations.add(where + ": image without a fixed tag: " + image);
                }
            }
        });

        assertThat(violations).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everyServiceContainerHasQuarkusProbesOnANamedPortAndAWritableTmp(String values) {
        for (Deployment deployment : renderings.get(values).deployments()) {
            Container container = Rendering.container(deployment);
            Set<String> ports = new HashSet<>();
            container.getPorts().forEach(port -> ports.add(port.getName()));

            assertProbe(deployment, container.getStartupProbe(), "/q/health/started", ports);
            assertProbe(deployment, container.getReadinessProbe(), "/q/health/ready", ports);
            assertProbe(deployment, container.getLivenessProbe(), "/q/health/live", ports);
            assertThat(container.getVolumeMounts()).as("%s mounts /tmp", deployment.getMetadata().getName())
                    .anyMatch(mount -> mount.getMountPath().equals("/tmp"));
            assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
                    .anyMatch(volume -> volume.getName().equals("tmp") && volume.getEmptyDir() != null);
        }
    }

    private static void assertProbe(Deployment deployment, Probe probe, String path, Set<String> ports) {
        assertThat(probe).as("%s probe %s", deployment.getMetadata().getName(), path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(ports).as("%s probe port", deployment.getMetadata().getName())
                .contains(probe.getHttpGet().getPort().getStrVal());
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void selectorsUseOnlyImmutableLabelsAndMatchTheirPods(String values) {
        Rendering rendering = renderings.get(values);
        for (Deployment deployment : rendering.deployments()) {
            Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
            assertThat(SELECTOR_LABELS).containsAll(selector.keySet());
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(selector);
        }
        for (Service service : rendering.all(Service.class)) {
            List<Deployment> selected = rendering.deployments().stream().filter(d -> d.getSpec().getTemplate()
                    .getMetadata().getLabels().entrySet().containsAll(service.getSpec().getSelector().entrySet()))
                    .toList();
            assertThat(selected).as("Deployments behind Service %s", service.getMetadata().getName()).hasSize(1);
            Set<String> ports = new HashSet<>();
            Rendering.container(selected.get(0)).getPorts().forEach(port -> ports.add(port.getName()));
            service.getSpec().getPorts().forEach(port -> assertThat(ports).contains(port.getTargetPort().getStrVal()));
        }
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void autoscalersAndDisruptionBudgetsFitTheirDeployments(String values) {
        Rendering rendering = renderings.get(values);
        Map<String, HorizontalPodAutoscaler> autoscalers = new java.util.HashMap<>();
        for (HorizontalPodAutoscaler hpa : rendering.all(HorizontalPodAutoscaler.class)) {
            Deployment target = rendering.get("Deployment", hpa.getSpec().getScaleTargetRef().getName()).as(Deployment.class);
            assertThat(autoscalers.put(target.getMetadata().getName(), hpa)).as("one autoscaler per Deployment").isNull();
            assertThat(target.getSpec().getReplicas()).as("replicas are the autoscaler's to set").isNull();
            assertThat(hpa.getSpec().getMinReplicas()).isBetween(1, hpa.getSpec().getMaxReplicas());
            assertThat(hpa.getSpec().getBehavior().getScaleDown().getStabilizationWindowSeconds()).isGreaterThanOrEqualTo(300);
            assertThat(hpa.getSpec().getMetrics()).isNotEmpty();
        }
        Map<String, PodDisruptionBudget> budgets = new java.util.HashMap<>();
        for (PodDisruptionBudget pdb : rendering.all(PodDisruptionBudget.class)) {
            List<Deployment> covered = rendering.deployments().stream().filter(d -> Objects
                    .equals(d.getSpec().getSelector().getMatchLabels(), pdb.getSpec().getSelector().getMatchLabels()))
                    .toList();
            assertThat(covered).as("Deployment of PodDisruptionBudget %s", pdb.getMetadata().getName()).hasSize(1);
            budgets.put(covered.get(0).getMetadata().getName(), pdb);
        }
        for (Deployment deployment : rendering.deployments()) {
            String name = deployment.getMetadata().getName();
            HorizontalPodAutoscaler hpa = autoscalers.get(name);
            int minimum = hpa != null ? hpa.getSpec().getMinReplicas() : deployment.getSpec().getReplicas();
            assertThat(budgets.containsKey(name)).as("%s (at least %d replicas) has a PodDisruptionBudget", name, minimum)
                    .isEqualTo(minimum > 1);
        }
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void objectsAreUniquelyNamedDnsLabelsWithTheStandardLabels(String values) {
        Rendering rendering = renderings.get(values);

        assertThat(rendering.keys()).doesNotHaveDuplicates();
        for (Manifest manifest : rendering.manifests()) {
            assertThat(manifest.name()).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?").hasSizeLessThanOrEqualTo(63);
            assertThat(manifest.object().getMetadata().getLabels()).as(manifest.key()).containsKeys(
                    STANDARD_LABELS.toArray(String[]::new));
        }
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void noSecretValueIsRendered(String values) {
        Rendering rendering = renderings.get(values);

        assertThat(rendering.ofKind("Secret")).as("the chart references Secrets, it never creates one").isEmpty();
        rendering.podSpecs().forEach(entry -> entry.getValue().getContainers().forEach(container -> {
            for (EnvVar env : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
                if (env.getName().matches(".*(SECRET|PASSWORD|API_KEY).*")) {
                    assertThat(env.getValue()).as("%s %s has an inline value", entry.getKey(), env.getName()).isNull();
                    assertThat(env.getValueFrom().getSecretKeyRef()).as(entry.getKey() + " " + env.getName()).isNotNull();
                }
            }
        }));
        rendering.ofKind("ConfigMap").forEach(configMap -> assertThat(configMap.source())
                .as("%s keeps no secret default", configMap.key()).doesNotContainPattern("\\$\\{SITESYNC_SECRET_[A-Z0-9_]+:"));
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everyWorkloadIsDeniedByDefaultAndAllowedOnlyWhatItsPolicySays(String values) {
        Rendering rendering = renderings.get(values);
        List<NetworkPolicy> policies = rendering.all(NetworkPolicy.class);
        if (values.equals("autoscaling-off")) {
            assertThat(policies).as("networkPolicy.enabled is false there").isEmpty();
            return;
        }
        for (Deployment deployment : rendering.deployments()) {
            Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            List<NetworkPolicy> applying = policies.stream().filter(policy -> labels.entrySet()
                    .containsAll(policy.getSpec().getPodSelector().getMatchLabels().entrySet())).toList();
            assertThat(applying).as("default deny for %s", deployment.getMetadata().getName()).anyMatch(policy -> policy
                    .getSpec().getIngress().isEmpty() && policy.getSpec().getEgress().isEmpty()
                    && policy.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress")));
            assertThat(applying).as("own policy for %s", deployment.getMetadata().getName())
                    .anyMatch(policy -> policy.getMetadata().getName().equals(deployment.getMetadata().getName()));
        }
        List<NetworkPolicy> openToAll = policies.stream().filter(policy -> policy.getSpec().getIngress().stream()
                .anyMatch(rule -> rule.getFrom() == null || rule.getFrom().isEmpty())).toList();
        assertThat(openToAll).as("policies with ingress from anywhere").extracting(p -> p.getMetadata().getName())
                .containsExactly("sitesync-inbound-gateway");
    }
}
