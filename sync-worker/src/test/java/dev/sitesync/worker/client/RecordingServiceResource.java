package dev.sitesync.worker.client;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.sitesync.stack.oidc.LocalIssuer;

/**
 * Points the worker's identity-service, ownership-service and north's worker at one {@link RecordingService}, and
 * registers the worker's client at this JVM's issuer, so its REST clients send real tokens.
 */
public class RecordingServiceResource implements QuarkusTestResourceLifecycleManager {

    private static RecordingService service;

    static RecordingService service() {
        return service;
    }

    @Override
    public Map<String, String> start() {
        service = new RecordingService();
        LocalIssuer.shared().registerClient("worker-central", "test", "sync-worker");
        return Map.of(
                "sitesync.worker.services.identity-url", service.url(),
                "sitesync.worker.services.ownership-url", service.url(),
                "sitesync.worker.peers.north", service.url(),
                // a port nothing listens on: a peer that refuses connections
                "sitesync.worker.peers.south", "http://127.0.0.1:9");
    }

    @Override
    public void stop() {
        service.close();
    }
}
