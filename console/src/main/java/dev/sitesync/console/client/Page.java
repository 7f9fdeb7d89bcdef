package dev.sitesync.console.client;

import java.util.List;

/** A page of a worker's list, newest first; {@code next} is the {@code before} of the following page. */
public record Page<T>(List<T> items, Long next) {

    public Page {
        items = items == null ? List.of() : items;
    }
}
