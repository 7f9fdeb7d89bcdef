package dev.sitesync.worker.source;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.sitesync.support.flow.Drain;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.LaneBackoff;
import dev.sitesync.worker.metrics.WorkerMetrics;
import dev.sitesync.worker.store.SitePauses;

/**
 * Runs the three {@link ChangeSource}s on their schedules (webhook events also at once when one arrives). Each
 * doctype is a lane: lanes run side by side, each under its doctype's {@link CaptureLease}, and a lane that fails
 * backs off on its own (exponentially, with jitter) while the others go on. A doctype paused on this site is not
 * captured at all: its events stay pending, its poll checkpoint and full-sync position stay where they are, and the
 * cycle after the pause is lifted picks them up in order.
 */
@ApplicationScoped
public class Capture {

    private static final Logger LOG = Logger.getLogger(Capture.class);

    private final WorkerConfig config;
    private final CaptureLease leases;
    private final WebhookEvents events;
    private final IncrementalPoll poll;
    private final FullSync fullSync;
    private final WorkerMetrics metrics;
    private final LaneBackoff backoff;
    private final Drain eventDrain;
    private final SitePauses pauses;

    public Capture(WorkerConfig config, CaptureLease leases, WebhookEvents events, IncrementalPoll poll,
            FullSync fullSync, WorkerMetrics metrics, SitePauses pauses) {
        this.pauses = pauses;
        this.config = config;
        this.leases = leases;
        this.events = events;
        this.poll = poll;
        this.fullSync = fullSync;
        this.metrics = metrics;
        this.backoff = new LaneBackoff(config.capture().firstBackoff(), config.capture().maxBackoff());
        this.eventDrain = new Drain("webhook events", () -> lanes(events));
    }

    @Scheduled(every = "${sitesync.worker.events.interval}")
    void eventTick() {
        eventDrain.nudge();
    }

    /** Handles webhook events now, instead of at the next tick. */
    public void nudgeEvents() {
        eventDrain.nudge();
    }

    @Scheduled(every = "${sitesync.worker.poll.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> pollTick() {
        return lanes(poll).replaceWithVoid();
    }

    @Scheduled(every = "${sitesync.worker.full-sync.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> fullSyncTick() {
        return lanes(fullSync).replaceWithVoid();
    }

    /** Starts (or restarts from the beginning) a full sync of one doctype this site owns. */
    public Uni<Void> startFullSync(String doctype) {
        return fullSync.start(doctype);
    }

    /** One cycle of a source: its doctypes' lanes side by side; answers how much they handled together. */
    Uni<Integer> lanes(ChangeSource source) {
        return source.doctypes()
                .flatMap(doctypes -> pauses.current().map(paused -> doctypes.stream()
                        .filter(doctype -> !paused.capturePaused(doctype)).toList()))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("%s: cannot tell which doctypes have work (%s); tried again next cycle", source.name(),
                            failure.getMessage());
                    return List.of();
                })
                .flatMap(doctypes -> {
                    Instant now = Instant.now();
                    List<String> ready = doctypes.stream().filter(d -> backoff.ready(laneKey(source, d), now)).toList();
                    if (ready.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return Multi.createFrom().iterable(ready)
                            .onItem().transformToUni(doctype -> lane(source, doctype))
                            .merge(config.capture().lanes())
                            .collect().in(() -> new int[1], (sum, handled) -> sum[0] += handled)
                            .map(sum -> sum[0]);
                });
    }

    private Uni<Integer> lane(ChangeSource source, String doctype) {
        String lane = laneKey(source, doctype);
        return leases.run(doctype, 0, held -> source.capture(doctype, held))
                .invoke(() -> backoff.succeeded(lane))
                .onFailure().recoverWithItem(failure -> {
                    if (failure instanceof CaptureLease.LeaseLostException) {
                        LOG.infof("%s of %s: %s", source.name(), doctype, failure.getMessage());
                        return 0;
                    }
                    Duration wait = backoff.failed(lane, Instant.now());
                    metrics.captureFailed(source.name(), doctype);
                    LOG.warnf("%s of %s failed (%d in a row), tried again in %d ms; other doctypes go on: %s",
                            source.name(), doctype, backoff.failures(lane), wait.toMillis(), failure.getMessage());
                    return 0;
                });
    }

    private static String laneKey(ChangeSource source, String doctype) {
        return source.name() + ":" + doctype;
    }
}
