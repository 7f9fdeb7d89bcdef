package dev.sitesync.worker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import dev.sitesync.frappe.client.KeysetCursor;

class PollWindowTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Duration OVERLAP = Duration.ofSeconds(2);

    @Test
    void theWindowReadsBackTheOverlapBehindTheCheckpointAndStopsTheOverlapBeforeTheSitesNow() {
        Instant now = Instant.parse("2026-12-01T09:00:10Z"); // 10:00:10 in Berlin
        KeysetCursor checkpoint = new KeysetCursor("2026-12-01 10:00:05.500000", "ITEM-9");

        PollWindow window = PollWindow.of(checkpoint, new KeysetCursor("2026-11-01 00:00:00", ""), now.minusSeconds(5),
                now, BERLIN, OVERLAP);

        assertThat(window.after()).isEqualTo(new KeysetCursor("2026-12-01 10:00:03.500000", ""));
        assertThat(window.before()).isEqualTo("2026-12-01 10:00:08");
    }

    @Test
    void aRowDatedInTheFutureStaysOutsideTheWindowSoItCannotCarryTheCheckpointPastLaterChanges() {
        Instant now = Instant.parse("2026-12-01T09:00:10Z");

        PollWindow window = PollWindow.of(new KeysetCursor("2026-12-01 10:00:05", "A"), null, now, now, BERLIN, OVERLAP);

        assertThat("2026-12-01 11:30:00").as("a future-dated modified").isGreaterThan(window.before());
    }

    @Test
    void theWindowNeverReachesBackBeforeWhereCaptureBegan() {
        Instant now = Instant.parse("2026-12-01T09:00:10Z");
        KeysetCursor floor = new KeysetCursor("2026-12-01 10:00:04", "ITEM-1");

        PollWindow window = PollWindow.of(new KeysetCursor("2026-12-01 10:00:05", "ITEM-2"), floor, now, now, BERLIN,
                OVERLAP);

        assertThat(window.after()).isEqualTo(floor);
    }

    @Test
    void aCheckpointAtTheBeginningIsReadFromTheBeginning() {
        KeysetCursor beginning = new KeysetCursor(PollWindow.BEGINNING, "");
        Instant now = Instant.parse("2026-12-01T09:00:10Z");

        assertThat(PollWindow.of(beginning, beginning, now, now, BERLIN, OVERLAP).after()).isEqualTo(beginning);
        assertThat(PollWindow.of(null, null, now, now, BERLIN, OVERLAP).after()).isNull();
    }

    @Test
    void afterTheClocksFallBackTheRepeatedHourIsReadAgainFromItsStart() {
        // 2026-10-25 03:00 CEST became 02:00 CET at 01:00Z; the checkpoint was saved in the first 02:50
        KeysetCursor checkpoint = new KeysetCursor("2026-10-25 02:50:00", "ITEM-5");
        Instant savedAt = Instant.parse("2026-10-25T00:50:01Z");
        Instant now = Instant.parse("2026-10-25T01:10:00Z"); // 02:10 CET, the second time round

        PollWindow window = PollWindow.of(checkpoint, null, savedAt, now, BERLIN, OVERLAP);

        assertThat(window.after()).isEqualTo(new KeysetCursor("2026-10-25 01:59:58", ""));
        assertThat(window.before()).isEqualTo("2026-10-25 02:09:58");
    }

    @Test
    void onceThePollSavedAfterTheFallBackTheWindowIsOrdinaryAgain() {
        KeysetCursor checkpoint = new KeysetCursor("2026-10-25 02:09:57", "ITEM-6");
        Instant savedAt = Instant.parse("2026-10-25T01:10:01Z");
        Instant now = Instant.parse("2026-10-25T01:10:05Z");

        PollWindow window = PollWindow.of(checkpoint, null, savedAt, now, BERLIN, OVERLAP);

        assertThat(window.after()).isEqualTo(new KeysetCursor("2026-10-25 02:09:55", ""));
    }

    @Test
    void aSpringForwardGapNeedsNoReReading() {
        KeysetCursor checkpoint = new KeysetCursor("2026-03-29 01:59:00", "ITEM-1");
        Instant savedAt = Instant.parse("2026-03-29T00:59:01Z");
        Instant now = Instant.parse("2026-03-29T01:01:00Z"); // 03:01 CEST

        PollWindow window = PollWindow.of(checkpoint, null, savedAt, now, BERLIN, OVERLAP);

        assertThat(window.after()).isEqualTo(new KeysetCursor("2026-03-29 01:58:58", ""));
        assertThat(window.before()).isEqualTo("2026-03-29 03:00:58");
    }
}
