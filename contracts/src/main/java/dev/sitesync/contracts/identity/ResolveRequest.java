package dev.sitesync.contracts.identity;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Look up, and when {@code assign} is true assign, the external IDs of up to {@value #MAX_ITEMS} documents.
 *
 * @param items the documents, answered in the same order
 * @param assign whether to assign an external ID to a document seen for the first time (default false: look up only)
 */
public record ResolveRequest(
        @NotNull @Size(min = 1, max = MAX_ITEMS) List<@NotNull @Valid IdentityKey> items,
        Boolean assign) {

    public static final int MAX_ITEMS = 1000;

    public boolean assignMissing() {
        return Boolean.TRUE.equals(assign);
    }
}
