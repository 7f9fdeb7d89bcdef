package dev.sitesync.contracts.identity;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.sitesync.contracts.constraints.LocalName;
import dev.sitesync.contracts.constraints.SiteCode;

/**
 * Links up to {@value #MAX_ITEMS} external IDs to their documents' names on one site each, answered item by item in
 * the same order: a worker publishes the names it wrote documents under in batches, apart from the writes.
 */
public record LinkBatch(@NotNull @Size(min = 1, max = MAX_ITEMS) List<@NotNull @Valid Item> items) {

    public static final int MAX_ITEMS = 1000;

    public record Item(@NotNull UUID externalId, @SiteCode String site, @LocalName String localName) {
    }

    /**
     * What became of one item.
     *
     * @param detail for a conflict, the link that stands in the way
     */
    public record Result(UUID externalId, String site, String localName, Outcome outcome, String detail) {
    }

    public enum Outcome {
        /** Linked now. */
        LINKED,
        /** The same link existed already. */
        UNCHANGED,
        /** Another name is linked for this site, or this name to another external ID: links never change. */
        CONFLICT,
        /** No such external ID. */
        UNKNOWN_IDENTITY
    }
}
