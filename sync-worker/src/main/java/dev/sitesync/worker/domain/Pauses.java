package dev.sitesync.worker.domain;

import java.time.Instant;
import java.util.List;

/**
 * The pauses in force, as this worker of {@code site} reads them. A pause of a site (every doctype, or one) stops
 * everything of its scope that passes through this worker: pausing this worker's own site stops its capture, its
 * deliveries and its applying; pausing a peer stops the deliveries to that peer and the applying of what came from
 * it. Nothing is dropped: the work waits in its queue and goes on, in order, once the pause is lifted. Pure.
 */
public record Pauses(String site, List<Pause> pauses) {

    /**
     * One pause in force.
     *
     * @param doctype the one doctype paused, or null for the whole site
     */
    public record Pause(long id, String site, String doctype, String reason, String pausedBy, Instant pausedAt) {

        boolean covers(String pausedSite, String pausedDoctype) {
            return site.equals(pausedSite) && (doctype == null || doctype.equals(pausedDoctype));
        }
    }

    public static Pauses none(String site) {
        return new Pauses(site, List.of());
    }

    /** Whether this site's changes of the doctype are left uncaptured for now (their checkpoint stays put). */
    public boolean capturePaused(String doctype) {
        return covered(site, doctype);
    }

    /** Whether envelopes of the doctype for this consumer wait in the outbox. */
    public boolean deliveryPaused(String consumer, String doctype) {
        return covered(site, doctype) || covered(consumer, doctype);
    }

    /** Whether envelopes of the doctype from this source wait in the inbox. */
    public boolean applyPaused(String source, String doctype) {
        return covered(site, doctype) || covered(source, doctype);
    }

    private boolean covered(String pausedSite, String doctype) {
        return pauses.stream().anyMatch(pause -> pause.covers(pausedSite, doctype));
    }
}
