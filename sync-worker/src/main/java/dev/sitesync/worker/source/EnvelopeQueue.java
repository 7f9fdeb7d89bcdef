package dev.sitesync.worker.source;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import dev.sitesync.contracts.sync.ChangeEnvelope;
import dev.sitesync.worker.domain.AuditEntry;
import dev.sitesync.worker.store.CaptureSequence;
import dev.sitesync.worker.store.Outbox;
import dev.sitesync.worker.store.SyncLog;

/**
 * Where captured envelopes enter the outbox: in one transaction that holds the capture's lease, numbers each
 * version from the capture sequence, queues the envelopes (recording them as sent) and logs them; then delivery is
 * nudged. A capture that lost its lease queues nothing.
 */
@ApplicationScoped
public class EnvelopeQueue {

    private final Pool pool;
    private final CaptureSequence sequence;
    private final Outbox outbox;
    private final SyncLog log;
    private final Deliverer deliverer;

    public EnvelopeQueue(Pool pool, CaptureSequence sequence, Outbox outbox, SyncLog log, Deliverer deliverer) {
        this.pool = pool;
        this.sequence = sequence;
        this.outbox = outbox;
        this.log = log;
        this.deliverer = deliverer;
    }

    public Uni<Void> queue(CaptureLease.Held lease, List<ChangeEnvelope> envelopes, List<AuditEntry> audit) {
        if (envelopes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(connection -> lease.check(connection)
                .flatMap(x -> sequence.number(connection, envelopes))
                .flatMap(numbered -> outbox.queue(connection, numbered))
                .flatMap(x -> log.append(connection, audit)))
                .invoke(deliverer::nudge);
    }
}
