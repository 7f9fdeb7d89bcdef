package dev.sitesync.worker.circuit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.Circuit;
import dev.sitesync.worker.store.Circuits;

/**
 * The circuits of the targets this worker calls: its own site (writes) and each peer's worker (deliveries). A caller
 * asks for a permit before a round of calls and reports each outcome; while a target's circuit is open, nothing is
 * sent to it and no document spends a retry on it, and one probe of all replicas finds out when it is back.
 * {@code sitesync_worker_circuit_open{target}} is 1 while it is not closed.
 */
@ApplicationScoped
public class TargetCircuits {

    /** The worker's own site, which it writes to. */
    public static final String SITE = "site";

    private static final Logger LOG = Logger.getLogger(TargetCircuits.class);

    private final Circuits store;
    private final MeterRegistry registry;
    private final Circuit.Policy policy;
    /** The last state this replica saw of each target, so a healthy target costs no write per call. */
    private final Map<String, Circuit> known = new ConcurrentHashMap<>();

    public TargetCircuits(Circuits store, MeterRegistry registry, WorkerConfig config) {
        this.store = store;
        this.registry = registry;
        WorkerConfig.Circuits circuits = config.circuits();
        this.policy = new Circuit.Policy(circuits.window(), circuits.minimumCalls(), circuits.failureRate(),
                circuits.firstProbe(), circuits.maxProbe(), circuits.credentialsProbe());
    }

    /** A peer's worker, which deliveries go to. */
    public static String peer(String site) {
        return "peer:" + site;
    }

    /** What a caller may do now. */
    public enum Permit {
        /** The circuit is closed: call as usual. */
        CALL,
        /** The circuit is open and this caller holds its one probe: make a single call and report it. */
        PROBE,
        /** The circuit is open: send nothing now. */
        WAIT
    }

    /** Asks before a round of calls; a probe is held for {@code probeFor} at most. */
    public Uni<Permit> permit(String target, Duration probeFor) {
        return store.read(target).flatMap(circuit -> {
            remember(circuit);
            Instant now = Instant.now();
            if (circuit.isClosed()) {
                return Uni.createFrom().item(Permit.CALL);
            }
            if (!circuit.probeDue(now)) {
                return Uni.createFrom().item(Permit.WAIT);
            }
            return store.claimProbe(target, now.plus(probeFor)).map(claimed -> claimed ? Permit.PROBE : Permit.WAIT);
        });
    }

    /** Whether the target's circuit was closed when this replica last looked (no read of the database). */
    public boolean isClosed(String target) {
        Circuit seen = known.get(target);
        return seen == null || seen.isClosed();
    }

    /** A call to the target worked. */
    public Uni<Void> succeeded(String target) {
        Circuit seen = known.get(target);
        if (seen != null && seen.isClosed() && seen.failures() == 0) {
            return Uni.createFrom().voidItem();
        }
        return store.change(target, circuit -> circuit.isClosed()
                ? circuit.counted(Instant.now(), policy)
                : circuit.succeeded(Instant.now())).invoke(circuit -> {
                    if (seen != null && !seen.isClosed() && circuit.isClosed()) {
                        LOG.infof("The circuit to %s is closed again: calls go out", target);
                    }
                    remember(circuit);
                }).replaceWithVoid();
    }

    /** A call to the target failed in a way that says something about the target (not about one document). */
    public Uni<Void> failed(String target, Circuit.Failure failure, Duration retryAfter, String error) {
        return store.change(target, circuit -> circuit.failed(failure, retryAfter, error, Instant.now(), policy))
                .invoke(circuit -> {
                    Circuit seen = known.get(target);
                    if (!circuit.isClosed() && (seen == null || seen.isClosed())) {
                        LOG.warnf("The circuit to %s is open (%s): nothing is sent to it until a probe at %s works; %s",
                                target, circuit.reason(), circuit.nextProbeAt(), error);
                    }
                    remember(circuit);
                }).replaceWithVoid();
    }

    /** Every target's circuit, for the status view. */
    public Uni<List<Circuit>> all() {
        return store.all().invoke(circuits -> circuits.forEach(this::remember));
    }

    private void remember(Circuit circuit) {
        if (known.put(circuit.target(), circuit) == null) {
            Gauge.builder("sitesync.worker.circuit.open", known,
                    circuits -> circuits.get(circuit.target()).isClosed() ? 0 : 1)
                    .description("1 while the circuit to a target (the site, a peer's worker) is not closed")
                    .tag("target", circuit.target()).register(registry);
        }
    }
}
