package dev.sitesync.worker.target;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.worker.domain.ApplyFailurePolicy;

/** Someone else changed this site's copy since our last write: what the site holds now, and what we meant to write. */
final class ConcurrentEdit extends ApplyRefusal {

    private final ObjectNode current;
    private final ObjectNode sent;

    ConcurrentEdit(ObjectNode current, ObjectNode sent, String detail) {
        super(ApplyFailurePolicy.Cause.CONCURRENT_UPDATE, detail);
        this.current = current;
        this.sent = sent;
    }

    ObjectNode current() {
        return current;
    }

    ObjectNode sent() {
        return sent;
    }
}
