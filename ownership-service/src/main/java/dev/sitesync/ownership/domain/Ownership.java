package dev.sitesync.ownership.domain;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Who owns the records of a doctype: one site, or one site per value of a scope field. */
public sealed interface Ownership {

    /** Every site that owns some records of the doctype. */
    Collection<String> owningSites();

    /** One site owns every record. */
    record SingleOwner(String site) implements Ownership {

        @Override
        public Collection<String> owningSites() {
            return List.of(site);
        }
    }

    /**
     * Each record is owned by the site its scope field's value maps to (Customer by {@code territory}); still exactly
     * one owner per record.
     */
    record Federated(String field, Map<String, String> owners) implements Ownership {

        @Override
        public Collection<String> owningSites() {
            return owners.values().stream().distinct().toList();
        }
    }
}
