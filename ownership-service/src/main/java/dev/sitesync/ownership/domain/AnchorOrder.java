package dev.sitesync.ownership.domain;

import java.util.Optional;

import dev.sitesync.contracts.audit.AuditAnchor;

/**
 * Whether a worker's new sync log head may be anchored after those its site has: an entry is anchored with one hash
 * only, and heads never go back. Either contradiction means the worker's log no longer holds what it held.
 */
public final class AnchorOrder {

    public enum Verdict {
        /** A new head, after every anchor so far. */
        ACCEPT,
        /** This very head was anchored already. */
        SAME,
        /** It contradicts an anchor: the log was rewritten, shortened, or its database restored. */
        CONTRADICTS
    }

    /** The verdict, and for a contradiction what it contradicts. */
    public record Judgement(Verdict verdict, AuditAnchor existing, String why) {
    }

    private AnchorOrder() {
    }

    /**
     * @param sameEntry the anchor of the same entry, if it was anchored before
     * @param latest the site's newest anchor, if any
     */
    public static Judgement judge(long lastId, String lastHash, Optional<AuditAnchor> sameEntry,
            Optional<AuditAnchor> latest) {
        if (sameEntry.isPresent()) {
            AuditAnchor before = sameEntry.get();
            return before.lastHash().equals(lastHash)
                    ? new Judgement(Verdict.SAME, before, null)
                    : new Judgement(Verdict.CONTRADICTS, before, "Entry " + lastId + " of " + before.site()
                            + "'s sync log was anchored at " + before.anchoredAt() + " with another hash: the log was "
                            + "rewritten since. Nothing was recorded; verify the worker's audit chain and treat it as "
                            + "a security incident.");
        }
        if (latest.isPresent() && latest.get().lastId() > lastId) {
            AuditAnchor newest = latest.get();
            return new Judgement(Verdict.CONTRADICTS, newest, "Entry " + lastId + " is behind " + newest.site()
                    + "'s newest anchored head, entry " + newest.lastId() + " anchored at " + newest.anchoredAt()
                    + ": entries were removed from the worker's log or its database was restored from a backup. "
                    + "Nothing was recorded; verify the worker's audit chain.");
        }
        return new Judgement(Verdict.ACCEPT, null, null);
    }

    /**
     * Why entries after {@code afterId} cannot be acknowledged as lost, if they cannot: there must be anchored entries
     * after it that are not acknowledged already.
     *
     * @param latest the site's newest anchor, lost or not
     */
    public static Optional<String> lossRefused(long afterId, Optional<AuditAnchor> latest) {
        if (latest.isEmpty() || latest.get().lastId() <= afterId) {
            return Optional.of("No entry after " + afterId + " was anchored" + latest.map(newest -> " (the newest "
                    + "anchored is " + newest.lastId() + ")").orElse("") + ": nothing is lost. Give the last entry of "
                    + "the restored log as afterId.");
        }
        if (latest.get().lost()) {
            return Optional.of("Entry " + latest.get().lastId() + ", the newest anchored, is acknowledged lost "
                    + "already; nothing more to acknowledge until the worker anchors again.");
        }
        return Optional.empty();
    }
}
