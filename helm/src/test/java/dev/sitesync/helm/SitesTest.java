package dev.sitesync.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** One worker per site from the sites map: its own Secret only, and adding or removing a site touches no other. */
class SitesTest {

    private static final String NORTH = site("north", "203.0.113.20/32");
    private static final String WEST = site("west", "203.0.113.40/32");

    /** A values file adding one site, as an operator would write it. */
    private static String site(String code, String cidr) {
        return """
                sites:
                  %1$s:
                    frappe: {url: https://erp-%1$s.example.com}
                    existingSecret: sitesync-site-%1$s
                    database: {host: pg.example.com, port: 5432, name: worker_%1$s, existingSecret: %1$s-db, usernameKey: username, passwordKey: password}
                    egress: {cidrs: [%2$s], ports: [443]}
                """
                .formatted(code, cidr);
    }

    @Test
    void threeSitesRenderOneWorkerEachWithOnlyItsOwnSecrets() {
        Map<String, Deployment> workers = Chart.with("three-sites").render().workers();

        assertThat(workers).containsOnlyKeys("central", "north", "south");
        workers.forEach((site, worker) -> {
            Container container = Rendering.container(worker);
            assertThat(env(container, "SITESYNC_SITE")).isEqualTo(site);
            assertThat(secretsReferenced(container)).as("Secrets %s's worker can read", site)
                    .containsExactlyInAnyOrder("sitesync-site-" + site, "sitesync-worker-" + site + "-db");
            assertThat(env(container, "QUARKUS_OIDC_CLIENT_CLIENT_ID")).isEqualTo("worker-" + site);
        });
    }

    @Test
    void workersReachPeersThroughTheUrlTemplateNotAList() {
        Deployment central = Chart.with("three-sites").render().workers().get("central");

        assertThat(env(Rendering.container(central), "SITESYNC_WORKER_PEER_URL"))
                .isEqualTo("http://sitesync-sync-worker-{site}:8090");
        assertThat(Rendering.container(central).getEnv()).noneMatch(env -> env.getName().startsWith("SITESYNC_WORKER_PEERS_"));
    }

    @Test
    void addingASiteLeavesEveryOtherWorkersObjectsByteIdentical() {
        Rendering before = Chart.defaults().values(NORTH).render();
        Rendering after = Chart.defaults().values(NORTH).values(WEST).render();

        Map<String, String> workerObjectsBefore = siteObjects(before);
        Map<String, String> workerObjectsAfter = siteObjects(after);

        assertThat(workerObjectsBefore).isNotEmpty();
        assertThat(workerObjectsAfter).containsAllEntriesOf(workerObjectsBefore);
        assertThat(new TreeSet<>(workerObjectsAfter.keySet())).containsAll(Set.of(
                "Deployment/sitesync-sync-worker-west", "Service/sitesync-sync-worker-west",
                "NetworkPolicy/sitesync-sync-worker-west", "ServiceAccount/sitesync-sync-worker-west"));
    }

    @Test
    void disablingASiteRemovesItsObjectsAndNoOther() {
        Rendering both = Chart.defaults().values(NORTH).render();
        Rendering withoutNorth = Chart.defaults().values(NORTH).set("sites.north.enabled", false).render();

        assertThat(siteObjects(withoutNorth)).doesNotContainKey("Deployment/sitesync-sync-worker-north")
                .containsAllEntriesOf(siteObjects(Chart.defaults().render()));
        assertThat(siteObjects(both)).containsKey("Deployment/sitesync-sync-worker-north");
        assertThat(gatewayEnvNames(both)).contains("SITESYNC_WEBHOOK_SECRETS_NORTH");
        assertThat(gatewayEnvNames(withoutNorth)).as("the gateway no longer takes north's webhooks")
                .doesNotContain("SITESYNC_WEBHOOK_SECRETS_NORTH");
    }

    @Test
    void theGatewayReadsOnlyTheWebhookSecretOfEachSite() {
        Deployment gateway = Chart.with("three-sites").render().get("Deployment", "sitesync-inbound-gateway")
                .as(Deployment.class);

        List<String> siteKeys = Rendering.container(gateway).getEnv().stream()
                .filter(env -> env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null)
                .filter(env -> env.getValueFrom().getSecretKeyRef().getName().startsWith("sitesync-site-"))
                .map(env -> env.getName() + "=" + env.getValueFrom().getSecretKeyRef().getKey()).toList();
        assertThat(siteKeys).containsExactlyInAnyOrder("SITESYNC_WEBHOOK_SECRETS_CENTRAL=webhook-secret",
                "SITESYNC_WEBHOOK_SECRETS_NORTH=webhook-secret", "SITESYNC_WEBHOOK_SECRETS_SOUTH=webhook-secret");
    }

    /** Every object labelled with a site, by kind/name, as Helm wrote it. */
    private static Map<String, String> siteObjects(Rendering rendering) {
        Map<String, String> objects = new java.util.TreeMap<>();
        rendering.manifests().stream().filter(manifest -> manifest.label("sitesync.io/site") != null)
                .forEach(manifest -> objects.put(manifest.key(), manifest.source()));
        return objects;
    }

    private static List<String> gatewayEnvNames(Rendering rendering) {
        Deployment gateway = rendering.get("Deployment", "sitesync-inbound-gateway").as(Deployment.class);
        return Rendering.container(gateway).getEnv().stream().map(EnvVar::getName).toList();
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(env -> env.getName().equals(name)).map(EnvVar::getValue).findFirst()
                .orElse(null);
    }

    private static Set<String> secretsReferenced(Container container) {
        Set<String> secrets = new TreeSet<>();
        container.getEnv().stream().filter(env -> env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null)
                .forEach(env -> secrets.add(env.getValueFrom().getSecretKeyRef().getName()));
        if (container.getEnvFrom() != null) {
            container.getEnvFrom().stream().filter(from -> from.getSecretRef() != null)
                    .forEach(from -> secrets.add(from.getSecretRef().getName()));
        }
        return secrets;
    }
}
