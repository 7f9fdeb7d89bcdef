package dev.sitesync.worker.source;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeDateTimes;
import dev.sitesync.frappe.client.KeysetCursor;
import dev.sitesync.worker.client.PolicyCache;
import dev.sitesync.worker.client.SiteZone;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.PollOverlap;
import dev.sitesync.worker.domain.PollWindow;
import dev.sitesync.worker.domain.SiteTime;
import dev.sitesync.worker.store.Checkpoints;

/**
 * The incremental poll, the safety net for lost webhooks: per captured doctype (every master, owned or not, since an
 * edit of a consumed document here is an ownership violation to record; references; and Deleted Document), the rows
 * of its {@link PollWindow} after the checkpoint. Its overlap adapts: a row that committed later than the overlap (one
 * the previous poll passed before it was visible) widens that doctype's overlap for a while, within bounds.
 */
@ApplicationScoped
public class IncrementalPoll implements ChangeSource {

    private static final Logger LOG = Logger.getLogger(IncrementalPoll.class);
    private static final int PAGES_PER_CYCLE = 20;

    private final WorkerConfig config;
    private final PolicyCache policies;
    private final Checkpoints checkpoints;
    private final KeysetPages pages;
    private final SiteZone zone;
    private final Pool pool;
    private final OffPeak offPeak;
    private final Map<String, PollOverlap> overlaps = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastRead = new ConcurrentHashMap<>();

    public IncrementalPoll(WorkerConfig config, PolicyCache policies, Checkpoints checkpoints, KeysetPages pages,
            SiteZone zone, Pool pool, OffPeak offPeak) {
        this.config = config;
        this.policies = policies;
        this.checkpoints = checkpoints;
        this.pages = pages;
        this.zone = zone;
        this.pool = pool;
        this.offPeak = offPeak;
    }

    @Override
    public String name() {
        return "poll";
    }

    @Override
    public Uni<List<String>> doctypes() {
        if (!config.poll().enabled()) {
            return Uni.createFrom().item(List.of());
        }
        return policies.current().map(policy -> {
            List<String> doctypes = new ArrayList<>(policy.masters());
            doctypes.addAll(policy.referenceOnly());
            doctypes.add(DeleteCapture.DELETED_DOCUMENT);
            return doctypes;
        }).flatMap(offPeak::capturable);
    }

    @Override
    public Uni<Integer> capture(String doctype, CaptureLease.Held lease) {
        return checkpoints.read(doctype, Checkpoints.POLL).flatMap(position -> position.isEmpty()
                ? startAtNewest(lease)
                : zone.current().flatMap(siteZone -> poll(lease, position.get(), siteZone)));
    }

    /** The current overlap of a doctype's poll (the configured one unless late rows widened it). */
    public Duration overlapOf(String doctype, Instant now) {
        return overlap(doctype).current(now);
    }

    private Uni<Integer> poll(CaptureLease.Held lease, Checkpoints.Position position, ZoneId siteZone) {
        String doctype = lease.doctype();
        Instant now = Instant.now();
        PollOverlap overlap = overlap(doctype);
        PollWindow window = PollWindow.of(position.cursor(), position.floor(), position.savedAt(), now, siteZone,
                overlap.current(now));
        Instant previousRead = lastRead.get(doctype);
        return pages.walk(lease, Checkpoints.POLL, window.after(), Filter.lt("modified", window.before()),
                PAGES_PER_CYCLE, fresh -> noticeLateRows(doctype, position.cursor(), previousRead, fresh, siteZone, now))
                .invoke(() -> lastRead.put(doctype, now));
    }

    /**
     * Rows at or behind the checkpoint that this process has not handled were not visible when the previous poll
     * passed their place: they committed at least that long after their {@code modified}.
     */
    private void noticeLateRows(String doctype, KeysetCursor checkpoint, Instant previousRead, List<ObjectNode> fresh,
            ZoneId siteZone, Instant now) {
        if (previousRead == null || checkpoint == null) {
            return; // a first poll in this process has nothing to compare with
        }
        for (ObjectNode row : fresh) {
            String modified = row.path("modified").asText();
            if (!behind(modified, row.path("name").asText(), checkpoint)) {
                continue;
            }
            Instant changedAt = SiteTime.toInstant(modified, siteZone, now);
            if (changedAt == null) {
                continue;
            }
            Duration lateness = Duration.between(changedAt, previousRead);
            if (overlap(doctype).lateRow(lateness, now)) {
                LOG.warnf("Polling %s found '%s' (modified %s) committed at least %d s late, after the poll had passed"
                        + " it; its overlap widens to %d s for %s", doctype, row.path("name").asText(), modified,
                        lateness.toSeconds(), overlap(doctype).current(now).toSeconds(), config.poll().widenedFor());
            }
        }
    }

    private static boolean behind(String modified, String name, KeysetCursor checkpoint) {
        int order = FrappeDateTimes.parse(modified).compareTo(FrappeDateTimes.parse(checkpoint.modified()));
        return order < 0 || order == 0 && name.compareTo(checkpoint.name()) <= 0;
    }

    private PollOverlap overlap(String doctype) {
        return overlaps.computeIfAbsent(doctype, d -> new PollOverlap(config.poll().overlap(), config.poll().maxOverlap(),
                config.poll().widenedFor()));
    }

    /** A doctype seen for the first time is polled from its newest document on; older ones come by full sync. */
    private Uni<Integer> startAtNewest(CaptureLease.Held lease) {
        return pages.newest(lease.doctype()).flatMap(newest -> pool.withTransaction(connection -> lease.check(connection)
                .flatMap(x -> checkpoints.save(connection, lease.doctype(), Checkpoints.POLL,
                        newest == null ? new KeysetCursor(PollWindow.BEGINNING, "") : newest, false))))
                .replaceWith(0);
    }
}
