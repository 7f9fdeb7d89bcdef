package dev.sitesync.contracts.identity;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.sitesync.contracts.constraints.SiteCode;

/**
 * The names up to {@value #MAX_ITEMS} external IDs have on one site, in one request: a worker translates the Link
 * fields of the documents it applies for the dependencies it did not write itself (masters the site had before).
 * Answered with the links that exist; an ID not linked on the site is left out.
 */
public record LinkLookup(@SiteCode String site,
        @NotNull @Size(min = 1, max = MAX_ITEMS) List<@NotNull UUID> externalIds) {

    public static final int MAX_ITEMS = 1000;

    /** An external ID's name on the site asked about. */
    public record Found(UUID externalId, String localName) {
    }
}
