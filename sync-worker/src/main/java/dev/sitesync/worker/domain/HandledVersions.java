package dev.sitesync.worker.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code modified} last handled per document, for the most recent documents only (least recently used ones
 * are forgotten): a cache to skip re-reading, never a source of truth, since forgetting only costs a read.
 */
public final class HandledVersions extends LinkedHashMap<String, String> {

    private final int capacity;

    public HandledVersions(int capacity) {
        super(16, 0.75f, true);
        this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
        return size() > capacity;
    }

    /** A thread-safe view, for capture cycles running on different threads. */
    public static Map<String, String> synchronizedOf(int capacity) {
        return Collections.synchronizedMap(new HandledVersions(capacity));
    }
}
