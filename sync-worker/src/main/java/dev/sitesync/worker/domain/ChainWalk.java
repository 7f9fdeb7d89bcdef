package dev.sitesync.worker.domain;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Verifies the sync log one entry at a time, in id order, remembering only the entry before and the anchors still
 * ahead, so a log of any length is checked in constant memory and across partitions.
 * <p>
 * Each entry must link to the one before it ({@code prev_hash}), hash to its own content ({@code row_hash}) and be
 * filed no earlier than the one before it. That catches an entry altered, removed or reordered by someone who cannot
 * recompute the chain. Whoever can (database access is enough) is caught by the anchors: an anchored entry must still
 * be there with the anchored hash. When it is not, the first entry after the last anchor that still matched is named,
 * since everything from there on may have been rewritten.
 */
public final class ChainWalk {

    private final Deque<ChainAnchor> ahead = new ArrayDeque<>();
    private ChainAnchor checkpoint;
    private long lastId;
    private String lastHash;
    private LoggedEntry last;
    private LoggedEntry firstUnproven;
    private long anchoredUpTo;
    private long checked;
    private int anchorsMatched;

    private ChainWalk(long lastId, String lastHash, ChainAnchor checkpoint) {
        this.lastId = lastId;
        this.lastHash = lastHash;
        this.checkpoint = checkpoint;
        this.anchoredUpTo = lastId;
    }

    /** A walk of the whole log, from its first entry. */
    public static ChainWalk fromGenesis() {
        return new ChainWalk(0, AuditChain.GENESIS, null);
    }

    /**
     * A walk resumed at an anchored entry: the first entry given must be that one, with the anchored hash; the entries
     * before it were proven when the anchor was made.
     */
    public static ChainWalk fromCheckpoint(ChainAnchor anchor) {
        ChainWalk walk = new ChainWalk(anchor.lastId() - 1, null, anchor);
        walk.anchoredUpTo = anchor.lastId();
        return walk;
    }

    /** An anchor the entries must match; anchors come in ascending order, those at or before the walk are ignored. */
    public void expect(ChainAnchor anchor) {
        if (anchor.lastId() > anchoredUpTo) {
            ahead.add(anchor);
            anchoredUpTo = anchor.lastId();
        }
    }

    /** The highest entry an anchor given so far covers: anchors up to each page's last entry must be given first. */
    public long anchoredUpTo() {
        return anchoredUpTo;
    }

    /** Checks the next entry; the first problem found ends the walk. */
    public Optional<ChainBreak> check(LoggedEntry entry) {
        checked++;
        if (firstUnproven == null) {
            firstUnproven = entry;
        }
        if (entry.unreadable() != null) {
            return broken(entry, entry.unreadable() + ": the entry was altered");
        }
        if (checkpoint != null) {
            return resumeAt(entry);
        }
        if (!lastHash.equals(entry.prevHash())) {
            return broken(entry, "prev_hash does not match the entry before it (" + lastId + "): an entry between "
                    + "them was removed or altered, or entries were reordered");
        }
        return checkContent(entry).or(() -> checkAnchors(entry));
    }

    private Optional<ChainBreak> resumeAt(LoggedEntry entry) {
        ChainAnchor anchor = checkpoint;
        checkpoint = null;
        if (entry.id() != anchor.lastId()) {
            return Optional.of(new ChainBreak(anchor.lastId(), null, "entry " + anchor.lastId() + ", anchored at "
                    + anchor.anchoredAt() + ", is missing: verify the whole log to see what else changed"));
        }
        Optional<ChainBreak> altered = checkContent(entry);
        if (altered.isPresent()) {
            return altered;
        }
        if (!anchor.hash().equals(entry.rowHash())) {
            return broken(entry, "its hash differs from the one anchored at " + anchor.anchoredAt()
                    + ": the log was rewritten; verify the whole log to find where it starts");
        }
        anchorsMatched++;
        firstUnproven = null;
        return advance(entry);
    }

    private Optional<ChainBreak> checkContent(LoggedEntry entry) {
        if (!AuditChain.hash(entry.prevHash(), entry.entry()).equals(entry.rowHash())) {
            return broken(entry, "row_hash does not match the entry's content: the entry was altered");
        }
        if (last != null && entry.loggedAt().isBefore(last.loggedAt())) {
            return broken(entry, "logged_at is earlier than the entry before it: the entry was moved to another month");
        }
        return Optional.empty();
    }

    private Optional<ChainBreak> checkAnchors(LoggedEntry entry) {
        ChainAnchor next = ahead.peek();
        if (next != null && next.lastId() < entry.id()) {
            return unproven("entry " + next.lastId() + ", anchored at " + next.anchoredAt()
                    + ", is missing: the entries from here on may have been rewritten");
        }
        if (next != null && next.lastId() == entry.id()) {
            ahead.poll();
            if (!next.hash().equals(entry.rowHash())) {
                return unproven("entry " + next.lastId() + "'s hash differs from the one anchored at "
                        + next.anchoredAt() + ": the entries from here to " + next.lastId()
                        + " were rewritten, their hashes recomputed");
            }
            anchorsMatched++;
            firstUnproven = null;
        }
        return advance(entry);
    }

    private Optional<ChainBreak> advance(LoggedEntry entry) {
        last = entry;
        lastId = entry.id();
        lastHash = entry.rowHash();
        return Optional.empty();
    }

    /** The first anchor beyond the last entry checked, if any: the log ends before it, unless it grew since. */
    public Optional<ChainAnchor> pendingAnchor() {
        return checkpoint != null ? Optional.of(checkpoint) : Optional.ofNullable(ahead.peek());
    }

    /** The walk's end, when the entry of {@link #pendingAnchor()} is really gone: entries at the log's end were removed. */
    public ChainBreak endsBefore(ChainAnchor anchor) {
        if (anchor == checkpoint) {
            return new ChainBreak(anchor.lastId(), null, "entry " + anchor.lastId() + ", anchored at "
                    + anchor.anchoredAt() + ", is missing, with every entry after it: entries at the end were removed");
        }
        String problem = "the log ends at entry " + lastId + " but entry " + anchor.lastId() + " was anchored at "
                + anchor.anchoredAt() + ": entries at the end were removed";
        return firstUnproven == null
                ? new ChainBreak(anchor.lastId(), null, problem)
                : new ChainBreak(firstUnproven.id(), firstUnproven.partition(), problem
                        + ", and the entries from here on may have been rewritten");
    }

    private Optional<ChainBreak> broken(LoggedEntry entry, String problem) {
        return Optional.of(new ChainBreak(entry.id(), entry.partition(), problem));
    }

    private Optional<ChainBreak> unproven(String problem) {
        return Optional.of(new ChainBreak(firstUnproven.id(), firstUnproven.partition(), problem));
    }

    /** Entries checked so far. */
    public long checked() {
        return checked;
    }

    /** Anchors the entries matched so far. */
    public int anchorsMatched() {
        return anchorsMatched;
    }

    /** The last entry that verified, 0 before the first. */
    public long lastId() {
        return lastId;
    }

    /** The hash of the last entry that verified. */
    public String lastHash() {
        return lastHash;
    }
}
