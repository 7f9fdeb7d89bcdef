package dev.sitesync.worker.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.worker.client.MetaCache;
import dev.sitesync.worker.client.PolicyCache;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.SchemaDrift;
import dev.sitesync.worker.domain.SchemaFingerprint;
import dev.sitesync.worker.domain.SyncPolicy;
import dev.sitesync.worker.store.SchemaStates;
import dev.sitesync.worker.store.SchemaStates.Cause;
import dev.sitesync.worker.store.SchemaStates.State;
import dev.sitesync.worker.target.Applier;

/**
 * Watches this site's meta of every doctype it receives (ARCHITECTURE §4 step 10). The first reading is the
 * baseline; each later one is compared with it, judged by the fields the owners send. An incompatible change parks
 * the doctype here as {@code SCHEMA_MISMATCH} (its envelopes wait in the inbox, nothing is dead-lettered); the next
 * compatible reading, or an operator, resumes it. Compatible changes become the new baseline and are recorded.
 */
@ApplicationScoped
public class SchemaWatch {

    private static final Logger LOG = Logger.getLogger(SchemaWatch.class);

    /** What an operator's resume did: the state after it, the drift found, and whether the doctype flows again. */
    public record Resumption(State state, SchemaDrift drift, boolean resumed) {
    }

    private final WorkerConfig config;
    private final FrappeClient site;
    private final PolicyCache policies;
    private final SchemaStates states;
    private final MetaCache metas;
    private final Applier applier;
    private final MultiGauge mismatch;

    public SchemaWatch(WorkerConfig config, FrappeClient site, PolicyCache policies, SchemaStates states,
            MetaCache metas, Applier applier, MeterRegistry registry) {
        this.config = config;
        this.site = site;
        this.policies = policies;
        this.states = states;
        this.metas = metas;
        this.applier = applier;
        this.mismatch = MultiGauge.builder("sitesync.worker.schema.mismatch")
                .description("1 while the consumer's meta of the doctype is incompatible with what its owner sends")
                .register(registry);
    }

    @Scheduled(every = "${sitesync.worker.schema.check-interval}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return checkAll(Cause.SCHEDULE)
                .onFailure().invoke(e -> LOG.warnf("Schema check of %s not done: %s", config.site(), e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Reads and compares the meta of every doctype this site receives; the states afterwards. */
    public Uni<List<State>> checkAll(Cause cause) {
        return policies.current().flatMap(policy -> Multi.createFrom().iterable(policy.receivedMasters(config.site()))
                .onItem().transformToUniAndConcatenate(doctype -> check(doctype, cause).onFailure().recoverWithItem(e -> {
                    // one unreadable doctype keeps its state; the others are checked all the same
                    LOG.warnf("Schema of %s on %s not checked: %s", doctype, config.site(), e.getMessage());
                    return null;
                }))
                .collect().asList()
                .flatMap(done -> states.all())
                .invoke(all -> publish(policy, all)));
    }

    /** Reads the doctype's meta now and compares it with its baseline (the first reading becomes the baseline). */
    public Uni<SchemaDrift> check(String doctype, Cause cause) {
        return site.meta(doctype).map(meta -> SchemaFingerprint.from(doctype, meta))
                .flatMap(current -> states.find(doctype).flatMap(found -> found.isEmpty()
                        ? states.establish(current, cause)
                                .replaceWith(new SchemaDrift(doctype, List.of(), List.of()))
                        : compare(found.get(), current, cause, false)));
    }

    /**
     * An operator's resume: the meta is read again; a compatible one resumes the doctype. An incompatible one does
     * too when the operator accepts it as the new baseline (the values the site cannot keep are then not kept);
     * otherwise the doctype stays parked and the drift says why. Empty when the doctype was never fingerprinted.
     */
    public Uni<Optional<Resumption>> resume(String doctype, boolean acceptCurrent, Cause cause) {
        return states.find(doctype).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Optional.<Resumption>empty());
            }
            return site.meta(doctype).map(meta -> SchemaFingerprint.from(doctype, meta))
                    .flatMap(current -> compare(found.get(), current, cause, acceptCurrent))
                    .flatMap(drift -> states.find(doctype).flatMap(after -> policies.current()
                            .flatMap(policy -> states.all().invoke(all -> publish(policy, all)))
                            .map(all -> Optional.of(new Resumption(after.orElseThrow(), drift,
                                    !after.orElseThrow().mismatched())))));
        });
    }

    private Uni<SchemaDrift> compare(State was, SchemaFingerprint current, Cause cause, boolean acceptCurrent) {
        return sentFields(was).flatMap(sent -> {
            SchemaDrift drift = SchemaDrift.between(was.baseline(), current, sent);
            if (drift.isCompatible() || acceptCurrent) {
                if (!was.mismatched() && current.hash().equals(was.baselineHash()) && !cause.byOperator()) {
                    return states.unchanged(was.doctype()).replaceWith(drift);
                }
                List<SchemaDrift.Difference> accepted = new ArrayList<>(drift.incompatible());
                accepted.addAll(drift.compatible());
                return states.accept(was, current, accepted, cause).replaceWith(drift).invoke(() -> {
                    if (!drift.isEmpty()) {
                        metas.invalidate(was.doctype());
                    }
                    if (was.mismatched()) {
                        LOG.infof("%s is applied on %s again (%s%s)", was.doctype(), config.site(), cause.kind(),
                                drift.isCompatible()
                                        ? ""
                                        : ", its drift accepted by " + cause.actor() + ": "
                                                + drift.describe());
                        applier.nudge();
                    } else if (!drift.isEmpty()) {
                        LOG.infof("%s changed compatibly on %s: %s", was.doctype(), config.site(), drift.compatible()
                                .stream().map(SchemaDrift.Difference::detail).toList());
                    }
                });
            }
            return states.mismatch(was, current, drift, cause).replaceWith(drift).invoke(() -> {
                metas.invalidate(was.doctype());
                if (!was.mismatched() || !current.hash().equals(was.currentHash())) {
                    LOG.warnf("SCHEMA_MISMATCH: %s is no longer applied on %s; its changes wait in the inbox. %s. "
                            + "Restore the field on the site, then POST /ops/v1/schema/%s/resume "
                            + "(docs/runbooks/SiteSyncSchemaMismatch.md)", was.doctype(), config.site(),
                            drift.describe(), was.doctype());
                }
            });
        });
    }

    /** What the owners send; before anything arrived, every field of the baseline (so no removal goes unnoticed). */
    private Uni<Set<String>> sentFields(State was) {
        return states.sentFields(was.doctype())
                .map(sent -> sent.isEmpty() ? was.baseline().fields().keySet() : sent);
    }

    /** One series per owner and doctype received, 1 while parked: the alert's {@code site, consumer, doctype}. */
    private synchronized void publish(SyncPolicy policy, List<State> all) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (State state : all) {
            for (String owner : policy.ownersOf(state.doctype())) {
                if (owner.equals(config.site())) {
                    continue;
                }
                Tags tags = Tags.of("site", owner, "consumer", config.site(), "doctype", state.doctype());
                rows.add(MultiGauge.Row.of(tags, state.mismatched() ? 1 : 0));
            }
        }
        mismatch.register(rows, true);
    }
}
