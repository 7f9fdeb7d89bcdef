package dev.sitesync.worker.api;

import java.util.List;
import java.util.function.ToLongFunction;

/** A page of a list, newest first; {@code next} is the {@code before} of the following page, null on the last. */
public record Page<T>(List<T> items, Long next) {

    static <T> Page<T> of(List<T> items, int limit, ToLongFunction<T> id) {
        return new Page<>(items, items.size() == limit ? id.applyAsLong(items.get(items.size() - 1)) : null);
    }
}
