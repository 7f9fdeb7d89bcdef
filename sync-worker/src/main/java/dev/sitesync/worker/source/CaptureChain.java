package dev.sitesync.worker.source;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A capture and the dependency captures it started, one inside the other: the leases they hold (a dependency of a
 * doctype already held, like an Item Group's parent group, is captured under that lease) and how deep it went.
 */
record CaptureChain(Map<String, CaptureLease.Held> leases, int depth) {

    static CaptureChain of(CaptureLease.Held lease) {
        return new CaptureChain(Map.of(lease.doctype(), lease), 0);
    }

    Optional<CaptureLease.Held> leaseOf(String doctype) {
        return Optional.ofNullable(leases.get(doctype));
    }

    /** One level down, holding {@code lease} too. */
    CaptureChain deeper(CaptureLease.Held lease) {
        Map<String, CaptureLease.Held> held = new LinkedHashMap<>(leases);
        held.put(lease.doctype(), lease);
        return new CaptureChain(Map.copyOf(held), depth + 1);
    }
}
