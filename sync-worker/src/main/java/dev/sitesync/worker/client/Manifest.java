package dev.sitesync.worker.client;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.sitesync.contracts.constraints.DocTypeName;
import dev.sitesync.contracts.constraints.SiteCode;
import dev.sitesync.contracts.sync.ChangeEnvelope;

/**
 * A page of an owner's documents as one consumer should hold them, for a reconciliation the consumer's worker runs:
 * only the owner's worker reads the owner's site, only the consumer's worker reads the consumer's.
 */
public final class Manifest {

    /** The most documents one page carries. */
    public static final int MAX_PAGE = 200;

    private Manifest() {
    }

    /**
     * A page after {@code after} (a document name; null for the first page), in name order, of the documents whose
     * name starts with {@code namePrefix} (all when empty). {@code consumer} must be the calling worker's site.
     */
    public record Request(@SiteCode String consumer, @NotNull @Pattern(regexp = DocTypeName.PATTERN) String doctype,
            @Size(max = 140) String after, @Size(max = 140) String namePrefix, @Min(1) @Max(MAX_PAGE) int limit) {
    }

    /**
     * @param envelopes what the owner would send the consumer now for each document it may receive (never compared
     *            with what was sent before)
     * @param withheld the external IDs of the owner's documents on the page the consumer does not receive (the policy
     *            refuses them), so copies of them are not taken for extra ones; nothing more of them is shown
     * @param next the {@code after} of the following page; null after the last
     */
    public record Page(List<ChangeEnvelope> envelopes, List<UUID> withheld, String next) {
    }
}
