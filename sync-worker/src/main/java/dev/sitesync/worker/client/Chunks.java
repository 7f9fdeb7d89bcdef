package dev.sitesync.worker.client;

import java.util.ArrayList;
import java.util.List;

/** A list cut into consecutive parts of at most a size, for services that take a bounded batch per request. */
public final class Chunks {

    private Chunks() {
    }

    public static <T> List<List<T>> of(List<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            chunks.add(List.copyOf(items.subList(from, Math.min(items.size(), from + size))));
        }
        return chunks;
    }
}
