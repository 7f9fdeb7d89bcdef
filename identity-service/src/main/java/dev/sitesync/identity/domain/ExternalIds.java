package dev.sitesync.identity.domain;

import java.util.UUID;

import com.github.f4b6a3.uuid.UuidCreator;

/**
 * Makes external IDs: UUIDv7, so they sort by creation time (friendly to B-tree indexes) and carry no site or name.
 * Within one process they are strictly increasing, also within a millisecond.
 */
public final class ExternalIds {

    private ExternalIds() {
    }

    public static UUID next() {
        return UuidCreator.getTimeOrderedEpochPlus1();
    }
}
