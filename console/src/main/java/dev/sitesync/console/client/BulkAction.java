package dev.sitesync.console.client;

import java.util.List;

/**
 * A decision on every open item a filter selects, with one reason for each. The worker refuses an empty filter, so
 * "everything" is never one careless click.
 */
public record BulkAction(String reason, Filter filter) {

    /** {@code site}: the source site (dead letters) or the consumer (parked deliveries); {@code reason} e.g. FIX_AT_SOURCE. */
    public record Filter(String doctype, String site, String reason) {
    }

    /** What the worker did: how many items it decided, and which. */
    public record Result(int decided, List<Long> ids) {
    }
}
