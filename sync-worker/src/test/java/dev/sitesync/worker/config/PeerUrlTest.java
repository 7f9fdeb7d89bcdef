package dev.sitesync.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** A consumer's worker is found by name first, then through the URL template, so a new site needs no restart. */
class PeerUrlTest {

    private static WorkerConfig config(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(Map.of("sitesync.worker.site", "central",
                "sitesync.worker.frappe.url", "http://erp", "sitesync.worker.frappe.api-key", "k",
                "sitesync.worker.frappe.api-secret", "s", "sitesync.worker.services.ownership-url", "http://o",
                "sitesync.worker.services.identity-url", "http://i"));
        properties.putAll(extra);
        // durations as Quarkus writes them ("30s"), as the application reads them
        return new SmallRyeConfigBuilder().withMapping(WorkerConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build()
                .getConfigMapping(WorkerConfig.class);
    }

    @Test
    void aPeerNamedExplicitlyWinsOverTheTemplate() {
        WorkerConfig config = config(Map.of("sitesync.worker.peers.north", "http://127.0.0.1:8092",
                "sitesync.worker.peer-url", "http://sitesync-sync-worker-{site}:8090"));

        assertThat(config.peerUrlOf("north")).hasValue("http://127.0.0.1:8092");
    }

    @Test
    void anyOtherPeerComesFromTheTemplate() {
        WorkerConfig config = config(Map.of("sitesync.worker.peer-url", "http://sitesync-sync-worker-{site}:8090"));

        assertThat(config.peerUrlOf("west-2")).hasValue("http://sitesync-sync-worker-west-2:8090");
    }

    @Test
    void withoutEitherThePeerIsUnknown() {
        assertThat(config(Map.of()).peerUrlOf("north")).isEmpty();
    }
}
