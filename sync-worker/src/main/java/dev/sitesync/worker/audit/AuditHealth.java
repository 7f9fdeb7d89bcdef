package dev.sitesync.worker.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import dev.sitesync.worker.audit.ChainVerification.Verification;

/**
 * What the sync log's verification and anchoring say, as gauges an alert watches: {@code
 * sitesync_worker_audit_chain_broken} (1 from a failed verification or a refused anchor until a whole-log verification
 * with its anchors finds the log intact) and {@code sitesync_worker_audit_anchor_age_seconds} (since the head was last
 * anchored, or since start).
 */
@ApplicationScoped
public class AuditHealth {

    private static final Logger LOG = Logger.getLogger(AuditHealth.class);

    private final AtomicInteger broken = new AtomicInteger();
    private final AtomicReference<Instant> anchored = new AtomicReference<>(Instant.now());
    private final AtomicReference<String> lastProblem = new AtomicReference<>();

    public AuditHealth(MeterRegistry registry) {
        Gauge.builder("sitesync.worker.audit.chain.broken", broken, AtomicInteger::get)
                .description("1 once the sync log failed verification or contradicted an anchored head").register(registry);
        Gauge.builder("sitesync.worker.audit.anchor.age", anchored,
                at -> Duration.between(at.get(), Instant.now()).toMillis() / 1000.0)
                .baseUnit("seconds").description("Time since the sync log's head was last anchored with ownership-service")
                .register(registry);
    }

    void verified(boolean wholeLog, Verification verification) {
        if (!verification.intact()) {
            failed("entry " + verification.firstBrokenId() + " (" + verification.partition() + "): "
                    + verification.problem());
        } else if (wholeLog && verification.anchors() == null && broken.getAndSet(0) == 1) {
            lastProblem.set(null);
            LOG.infof("The whole sync log verified with its anchors (%d entries); the audit chain is intact again",
                    verification.rowsChecked());
        }
    }

    void contradicted(String why) {
        failed("ownership-service refused the head as it contradicts an anchor: " + why);
    }

    void anchored(Instant at) {
        anchored.set(at);
    }

    public boolean broken() {
        return broken.get() == 1;
    }

    private void failed(String problem) {
        broken.set(1);
        // a security incident: said loudly once, not every five minutes while it stands
        if (!problem.equals(lastProblem.getAndSet(problem))) {
            LOG.errorf("The sync log's audit chain is broken at %s. Treat it as a security incident "
                    + "(docs/runbooks/SiteSyncAuditChainBroken.md)", problem);
        }
    }
}
