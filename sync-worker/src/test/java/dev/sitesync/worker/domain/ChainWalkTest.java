package dev.sitesync.worker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ChainWalkTest {

    private static final Instant START = Instant.parse("2026-10-30T00:00:00Z");
    private static final Instant ANCHORED = Instant.parse("2026-12-01T00:00:00Z");

    /** Ten entries over two months: ids 1-5 in October's partition, 6-10 in November's. */
    private final List<LoggedEntry> log = chain(10);

    @Test
    void anIntactLogVerifiesWithItsAnchors() {
        ChainWalk walk = ChainWalk.fromGenesis();
        walk.expect(anchorOf(4));
        walk.expect(anchorOf(10));

        assertThat(walk(walk, log)).isEmpty();
        assertThat(walk.checked()).isEqualTo(10);
        assertThat(walk.anchorsMatched()).isEqualTo(2);
        assertThat(walk.pendingAnchor()).isEmpty();
        assertThat(walk.lastId()).isEqualTo(10);
    }

    @Test
    void anAlteredEntryIsNamedWithItsPartition() {
        log.set(6, altered(log.get(6), "rewritten"));

        assertThat(walk(ChainWalk.fromGenesis(), log)).contains(new ChainBreak(7, "sync_log_y2026m11",
                "row_hash does not match the entry's content: the entry was altered"));
    }

    @Test
    void anEntryWithAValueTheWorkerNeverWritesIsNamed() {
        log.set(2, LoggedEntry.unreadable(3, "sync_log_y2026m10", log.get(2).loggedAt(),
                "status 'APPROVED' is not one the worker writes"));

        assertThat(walk(ChainWalk.fromGenesis(), log)).contains(new ChainBreak(3, "sync_log_y2026m10",
                "status 'APPROVED' is not one the worker writes: the entry was altered"));
    }

    @Test
    void aRemovedEntryIsNamedByTheEntryAfterIt() {
        log.remove(3);

        assertThat(walk(ChainWalk.fromGenesis(), log)).get().extracting(ChainBreak::id).isEqualTo(5L);
        assertThat(walk(ChainWalk.fromGenesis(), log).get().problem()).startsWith("prev_hash does not match");
    }

    @Test
    void swappedEntriesAreNamedAtTheFirstOutOfPlace() {
        LoggedEntry third = log.get(2);
        log.set(2, log.get(3));
        log.set(3, third);

        assertThat(walk(ChainWalk.fromGenesis(), log)).get().extracting(ChainBreak::id).isEqualTo(4L);
    }

    @Test
    void anEntryMovedToAnEarlierMonthIsNamed() {
        LoggedEntry seventh = log.get(6);
        log.set(6, new LoggedEntry(seventh.id(), "sync_log_y2026m10", START, seventh.prevHash(), seventh.rowHash(),
                seventh.entry()));

        assertThat(walk(ChainWalk.fromGenesis(), log)).get().satisfies(broken -> {
            assertThat(broken.id()).isEqualTo(7);
            assertThat(broken.problem()).contains("moved to another month");
        });
    }

    @Test
    void aRewriteWithRecomputedHashesIsNamedFromTheLastAnchorThatStillMatches() {
        ChainWalk walk = ChainWalk.fromGenesis();
        walk.expect(anchorOf(5));
        walk.expect(anchorOf(9));
        List<LoggedEntry> rewritten = recomputedFrom(log, 6, "rewritten");

        assertThat(walk(walk, rewritten)).get().satisfies(broken -> {
            assertThat(broken.id()).isEqualTo(6);
            assertThat(broken.partition()).isEqualTo("sync_log_y2026m11");
            assertThat(broken.problem()).contains("entry 9's hash differs from the one anchored at " + ANCHORED)
                    .contains("rewritten");
        });
    }

    @Test
    void aRewriteOfTheWholeLogIsNamedAtItsFirstEntry() {
        ChainWalk walk = ChainWalk.fromGenesis();
        walk.expect(anchorOf(5));

        assertThat(walk(walk, recomputedFrom(log, 0, "rewritten"))).get().extracting(ChainBreak::id).isEqualTo(1L);
    }

    @Test
    void anAnchoredEntryRemovedWithTheChainRecomputedIsNamedFromTheLastAnchorThatMatched() {
        ChainWalk walk = ChainWalk.fromGenesis();
        walk.expect(anchorOf(3));
        walk.expect(anchorOf(7));
        List<LoggedEntry> shorter = new ArrayList<>(log);
        shorter.remove(6);

        assertThat(walk(walk, recomputedFrom(shorter, 6, null))).get().satisfies(broken -> {
            assertThat(broken.id()).isEqualTo(4);
            assertThat(broken.problem()).startsWith("entry 7, anchored at " + ANCHORED + ", is missing");
        });
    }

    @Test
    void entriesRemovedFromTheEndAreFoundByTheAnchorBeyondIt() {
        ChainWalk walk = ChainWalk.fromGenesis();
        walk.expect(anchorOf(4));
        walk.expect(anchorOf(10));

        assertThat(walk(walk, log.subList(0, 8))).isEmpty();
        assertThat(walk.pendingAnchor()).contains(anchorOf(10));
        assertThat(walk.endsBefore(anchorOf(10))).satisfies(broken -> {
            assertThat(broken.id()).isEqualTo(5);
            assertThat(broken.problem()).startsWith("the log ends at entry 8 but entry 10 was anchored");
        });
    }

    @Test
    void aLogEndingRightAfterItsLastMatchingAnchorNamesTheMissingAnchoredEntry() {
        ChainWalk walk = ChainWalk.fromGenesis();
        walk.expect(anchorOf(6));
        walk.expect(anchorOf(10));

        assertThat(walk(walk, log.subList(0, 6))).isEmpty();
        assertThat(walk.endsBefore(walk.pendingAnchor().orElseThrow())).isEqualTo(new ChainBreak(10, null,
                "the log ends at entry 6 but entry 10 was anchored at " + ANCHORED + ": entries at the end were removed"));
    }

    @Test
    void aWalkResumedAtAnAnchorChecksOnlyWhatFollowsIt() {
        ChainWalk walk = ChainWalk.fromCheckpoint(anchorOf(6));
        walk.expect(anchorOf(3));
        walk.expect(anchorOf(10));

        assertThat(walk(walk, log.subList(5, 10))).isEmpty();
        assertThat(walk.checked()).isEqualTo(5);
        assertThat(walk.anchorsMatched()).isEqualTo(2);
    }

    @Test
    void aResumedWalkWhoseCheckpointWasRewrittenSaysSo() {
        List<LoggedEntry> rewritten = recomputedFrom(log, 0, "rewritten");

        assertThat(walk(ChainWalk.fromCheckpoint(anchorOf(6)), rewritten.subList(5, 10))).get().satisfies(broken -> {
            assertThat(broken.id()).isEqualTo(6);
            assertThat(broken.problem()).contains("differs from the one anchored");
        });
    }

    @Test
    void aResumedWalkWhoseCheckpointIsGoneSaysSo() {
        assertThat(walk(ChainWalk.fromCheckpoint(anchorOf(6)), log.subList(6, 10))).get().satisfies(broken -> {
            assertThat(broken.id()).isEqualTo(6);
            assertThat(broken.partition()).isNull();
            assertThat(broken.problem()).startsWith("entry 6, anchored at " + ANCHORED + ", is missing");
        });
    }

    @Test
    void anAnchorBelowOneGivenBeforeIsIgnored() {
        ChainWalk walk = ChainWalk.fromGenesis();
        walk.expect(anchorOf(8));
        walk.expect(anchorOf(2));

        assertThat(walk.anchoredUpTo()).isEqualTo(8);
        assertThat(walk(walk, log)).isEmpty();
        assertThat(walk.anchorsMatched()).isEqualTo(1);
    }

    private static Optional<ChainBreak> walk(ChainWalk walk, List<LoggedEntry> entries) {
        for (LoggedEntry entry : entries) {
            Optional<ChainBreak> broken = walk.check(entry);
            if (broken.isPresent()) {
                return broken;
            }
        }
        return Optional.empty();
    }

    private ChainAnchor anchorOf(long id) {
        return new ChainAnchor(id, log.get((int) id - 1).rowHash(), ANCHORED);
    }

    private static List<LoggedEntry> chain(int size) {
        List<LoggedEntry> entries = new ArrayList<>();
        String previous = AuditChain.GENESIS;
        for (int i = 1; i <= size; i++) {
            Instant loggedAt = START.plus(Duration.ofDays(i));
            AuditEntry entry = new AuditEntry(loggedAt, UUID.nameUUIDFromBytes(new byte[]{(byte) i}), "central", "north",
                    "Item", "SKU-" + i, "2026-11-01 10:00:0" + i, "a".repeat(64), SyncStatus.QUEUED, 0, null);
            String hash = AuditChain.hash(previous, entry);
            entries.add(new LoggedEntry(i, partitionOf(loggedAt), loggedAt, previous, hash, entry));
            previous = hash;
        }
        return entries;
    }

    private static String partitionOf(Instant loggedAt) {
        return loggedAt.isBefore(Instant.parse("2026-11-01T00:00:00Z")) ? "sync_log_y2026m10" : "sync_log_y2026m11";
    }

    private static LoggedEntry altered(LoggedEntry entry, String detail) {
        AuditEntry e = entry.entry();
        return new LoggedEntry(entry.id(), entry.partition(), entry.loggedAt(), entry.prevHash(), entry.rowHash(),
                new AuditEntry(e.at(), e.externalId(), e.sourceSite(), e.targetSite(), e.doctype(), e.localName(),
                        e.version(), e.payloadHash(), e.status(), e.attempt(), detail));
    }

    /** What someone with database access does: alters entries from {@code from} on and recomputes every hash after. */
    private static List<LoggedEntry> recomputedFrom(List<LoggedEntry> entries, int from, String detail) {
        List<LoggedEntry> rewritten = new ArrayList<>(entries.subList(0, from));
        String previous = from == 0 ? AuditChain.GENESIS : entries.get(from - 1).rowHash();
        for (LoggedEntry entry : entries.subList(from, entries.size())) {
            LoggedEntry changed = detail == null ? entry : altered(entry, detail);
            String hash = AuditChain.hash(previous, changed.entry());
            rewritten.add(new LoggedEntry(entry.id(), entry.partition(), entry.loggedAt(), previous, hash,
                    changed.entry()));
            previous = hash;
        }
        return rewritten;
    }
}
