package dev.sitesync.worker.source;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.FrappeDateTimes;
import dev.sitesync.frappe.client.KeysetCursor;
import dev.sitesync.frappe.client.KeysetPage;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.worker.client.PolicyCache;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.HandledVersions;
import dev.sitesync.worker.flow.Drain;
import dev.sitesync.worker.store.Checkpoints;
import dev.sitesync.worker.store.InboundEvents;
import dev.sitesync.worker.store.Leases;

/**
 * The ways a change is captured, all feeding {@link SourcePipeline}: webhook events (drained as soon as they are
 * committed), incremental keyset polling per owned doctype (the safety net: webhooks get lost), and explicit full
 * syncs. Each doctype is captured under its lease, so a full sync never runs beside that doctype's incremental cycle,
 * and checkpoints move only past pages the pipeline handled.
 */
@ApplicationScoped
public class Capture {

    static final String DELETED_DOCUMENT = "Deleted Document";
    private static final Logger LOG = Logger.getLogger(Capture.class);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final int PAGES_PER_CYCLE = 20;
    private static final String BEGINNING = "1970-01-01 00:00:00";

    private final WorkerConfig config;
    private final FrappeClient site;
    private final PolicyCache policies;
    private final SourcePipeline pipeline;
    private final InboundEvents events;
    private final Checkpoints checkpoints;
    private final Leases leases;
    private final Drain eventDrain = new Drain("webhook events", this::drainEvents);
    private final Set<String> capturing = ConcurrentHashMap.newKeySet();
    private final Map<String, String> handled = HandledVersions.synchronizedOf(50_000);

    public Capture(WorkerConfig config, FrappeClient site, PolicyCache policies, SourcePipeline pipeline,
            InboundEvents events, Checkpoints checkpoints, Leases leases) {
        this.config = config;
        this.site = site;
        this.policies = policies;
        this.pipeline = pipeline;
        this.events = events;
        this.checkpoints = checkpoints;
        this.leases = leases;
    }

    /** Webhook events, grouped by doctype; an event stays pending until its doctype's capture handled it. */
    @Scheduled(every = "${sitesync.worker.events.interval}")
    void eventTick() {
        eventDrain.nudge();
    }

    /** Handles webhook events now, instead of at the next tick. */
    public void nudgeEvents() {
        eventDrain.nudge();
    }

    /** Returns how many events it handled; events of a doctype being captured elsewhere wait for the next tick. */
    private Uni<Integer> drainEvents() {
        AtomicInteger handled = new AtomicInteger();
        return events.pending(500).flatMap(pending -> {
            Map<String, List<InboundEvents.Pending>> byDoctype = new LinkedHashMap<>();
            pending.forEach(event -> byDoctype.computeIfAbsent(event.doctype(), d -> new ArrayList<>()).add(event));
            return Multi.createFrom().iterable(byDoctype.entrySet())
                    .onItem().transformToUniAndConcatenate(entry -> underLease(entry.getKey(), () -> pipeline
                            .capture(entry.getKey(), traces(entry.getValue()))
                            .flatMap(x -> events.handled(entry.getValue().stream().map(InboundEvents.Pending::id).toList()))
                            .invoke(() -> handled.addAndGet(entry.getValue().size()))))
                    .collect().last().map(x -> handled.get());
        });
    }

    /** Each document once, in the trace of the first of its events that was traced. */
    private static Map<String, String> traces(List<InboundEvents.Pending> events) {
        Map<String, String> traces = new LinkedHashMap<>();
        events.forEach(event -> traces.merge(event.name(), event.traceparent() == null ? "" : event.traceparent(),
                (first, later) -> first.isEmpty() ? later : first));
        traces.replaceAll((name, traceparent) -> traceparent.isEmpty() ? null : traceparent);
        return traces;
    }

    /** One incremental cycle over every captured doctype, then over Deleted Document. */
    @Scheduled(every = "${sitesync.worker.poll.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        if (!config.poll().enabled()) {
            return Uni.createFrom().voidItem();
        }
        return policies.current().flatMap(policy -> {
            // every master, not only owned ones: an edit of a consumed document here is an ownership violation to record
            List<String> doctypes = new ArrayList<>(policy.masters());
            doctypes.addAll(policy.referenceOnly());
            doctypes.add(DELETED_DOCUMENT);
            return Multi.createFrom().iterable(doctypes)
                    .onItem().transformToUniAndConcatenate(doctype -> underLease(doctype, () -> pollDoctype(doctype))
                            .onFailure().invoke(e -> LOG.warnf("Polling %s failed, retrying next cycle: %s", doctype,
                                    e.getMessage()))
                            .onFailure().recoverWithNull())
                    .collect().last().replaceWithVoid();
        }).onFailure().invoke(e -> LOG.warnf("Polling skipped: %s", e.getMessage())).onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Continues every unfinished full sync by a few pages; a crashed one resumes from its checkpoint. */
    @Scheduled(every = "${sitesync.worker.full-sync.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> continueFullSyncs() {
        return policies.current().flatMap(policy -> Multi.createFrom().iterable(policy.ownedMasters(config.site()))
                .onItem().transformToUniAndConcatenate(doctype -> checkpoints.read(doctype, Checkpoints.FULL)
                        .flatMap(position -> position.isEmpty() || position.get().complete()
                                ? Uni.createFrom().voidItem()
                                : underLease(doctype, () -> pages(doctype, Checkpoints.FULL, position.get().cursor(),
                                        PAGES_PER_CYCLE, null))))
                .collect().last().replaceWithVoid())
                .onFailure().invoke(e -> LOG.warnf("Full sync paused: %s", e.getMessage())).onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Starts (or restarts from the beginning) a full sync of one doctype. */
    public Uni<Void> startFullSync(String doctype) {
        return checkpoints.save(doctype, Checkpoints.FULL, null, false);
    }

    private Uni<Void> pollDoctype(String doctype) {
        return checkpoints.read(doctype, Checkpoints.POLL).flatMap(position -> {
            if (position.isEmpty()) {
                return startAtNewest(doctype);
            }
            return pages(doctype, Checkpoints.POLL, overlapped(position.get()), PAGES_PER_CYCLE, settledBefore());
        });
    }

    /**
     * The poll reads only rows older than the overlap: a change this young is its webhook's to capture (one read, in
     * the webhook's trace), and the checkpoint never passes a point where rows may still be committing.
     */
    private Filter settledBefore() {
        LocalDateTime siteNow = LocalDateTime.now(ZoneId.of(config.frappe().timeZone()));
        return Filter.lt("modified", FrappeDateTimes.format(siteNow.minus(config.poll().overlap())));
    }

    /** A doctype seen for the first time is polled from its newest document on; older ones come by full sync. */
    private Uni<Void> startAtNewest(String doctype) {
        return site.list(ListQuery.of(doctype).fields("name", "modified").orderBy("modified desc, name desc").limit(0, 1))
                .flatMap(newest -> checkpoints.save(doctype, Checkpoints.POLL,
                        newest.isEmpty() ? new KeysetCursor(BEGINNING, "") : KeysetCursor.of(newest.get(0)), false));
    }

    /**
     * Handles pages after the cursor (and before {@code bound}, when given), saving the checkpoint after each; stops
     * at the end or after {@code max}.
     */
    private Uni<Void> pages(String doctype, String capture, KeysetCursor after, int max, Filter bound) {
        ListQuery fields = ListQuery.of(doctype).fields(DELETED_DOCUMENT.equals(doctype)
                ? List.of("name", "modified", "deleted_doctype", "deleted_name")
                : List.of("name", "modified"));
        ListQuery query = bound == null ? fields : fields.where(bound);
        return site.listAfter(query, after, config.poll().pageSize()).flatMap(page -> handle(doctype, page)
                .flatMap(x -> checkpoints.save(doctype, capture, page.next(),
                        Checkpoints.FULL.equals(capture) && page.complete()))
                .flatMap(x -> page.complete() || max <= 1 || page.rows().isEmpty()
                        ? Uni.createFrom().voidItem()
                        : pages(doctype, capture, page.next(), max - 1, bound)));
    }

    /**
     * Hands a page to the pipeline, without the rows this process already handled at the same {@code modified}:
     * the overlap window re-reads them every cycle, and reading each again would cost a request per row.
     */
    private Uni<Void> handle(String doctype, KeysetPage page) {
        List<ObjectNode> fresh = page.rows().stream()
                .filter(row -> !row.path("modified").asText().equals(handled.get(doctype + "/" + row.path("name").asText())))
                .toList();
        if (fresh.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> captured = DELETED_DOCUMENT.equals(doctype)
                ? pipeline.captureDeletes(fresh)
                : pipeline.capture(doctype, fresh.stream().map(row -> row.path("name").asText()).toList());
        return captured.invoke(() -> fresh.forEach(row -> handled.put(doctype + "/" + row.path("name").asText(),
                row.path("modified").asText())));
    }

    /** Re-reads the overlap window behind the checkpoint, for rows committed late, but never before the floor. */
    private KeysetCursor overlapped(Checkpoints.Position position) {
        KeysetCursor cursor = position.cursor();
        if (cursor == null || cursor.modified().equals(BEGINNING)) {
            return cursor;
        }
        LocalDateTime earlier = FrappeDateTimes.parse(cursor.modified()).minus(config.poll().overlap());
        KeysetCursor floor = position.floor();
        if (floor != null && !floor.modified().equals(BEGINNING) && earlier.isBefore(FrappeDateTimes.parse(floor.modified()))) {
            return floor;
        }
        return new KeysetCursor(FrappeDateTimes.format(earlier), "");
    }

    /**
     * Runs a doctype's capture only where and while no other capture of it runs: not in another replica (the
     * database lease) and not in this process (polling, events and full sync share one doctype at a time).
     */
    private Uni<Void> underLease(String doctype, Supplier<Uni<Void>> work) {
        if (!capturing.add(doctype)) {
            return Uni.createFrom().voidItem();
        }
        String lease = "capture:" + doctype;
        // work that outlives its lease is given up (and logged by the caller): another replica may hold the lease by
        // then, and a hung call must not keep this doctype marked as capturing for good
        return leases.acquire(lease, LEASE).flatMap(acquired -> !acquired
                ? Uni.createFrom().voidItem()
                : work.get().ifNoItem().after(LEASE).failWith(() -> new IllegalStateException("capturing " + doctype
                        + " took longer than its " + LEASE.toMinutes() + "-minute lease; given up, retried next cycle"))
                        .eventually(() -> leases.release(lease)))
                .eventually(() -> capturing.remove(doctype));
    }
}
