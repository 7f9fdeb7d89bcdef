package dev.sitesync.frappe.sim.fault;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.Arc;

import dev.sitesync.frappe.sim.engine.WriteFault;
import dev.sitesync.frappe.sim.engine.WriteFaults;
import dev.sitesync.frappe.sim.engine.WriteKind;

/**
 * The fault plan of each site; none unless the admin API set one. A plan that has ended is gone at the next look, so
 * a test need not clear it at the right moment. Kept in memory: asking costs a map lookup.
 */
@ApplicationScoped
public class Faults implements WriteFaults {

    private final Map<String, Armed> plans = new ConcurrentHashMap<>();
    private final AtomicInteger answersWithheld = new AtomicInteger();
    private final WithheldAnswer withheld;

    public Faults(WithheldAnswer withheld) {
        this.withheld = withheld;
    }

    public FaultPlan of(String site) {
        Armed armed = live(site);
        return armed == null ? FaultPlan.NONE : armed.plan();
    }

    /** The plan as in force now, each write rule with the count it has left. */
    public FaultPlan describe(String site) {
        Armed armed = live(site);
        return armed == null ? FaultPlan.NONE : armed.described();
    }

    public FaultPlan set(String site, FaultPlan plan) {
        Armed armed = new Armed(plan.startingAt(Instant.now()));
        plans.put(site, armed);
        return armed.described();
    }

    public void clear(String site) {
        plans.remove(site);
    }

    public boolean dropsWebhooks(String site) {
        return of(site).dropWebhooks();
    }

    /**
     * Only writes a caller asked for over HTTP meet write faults: the site's own writes (Webhook Request Logs from
     * the delivery threads, seeding) never use up a rule meant for a client's request.
     */
    @Override
    public Optional<WriteFault> take(String site, String doctype, WriteKind kind) {
        Armed armed = live(site);
        if (armed == null || !Arc.container().requestContext().isActive()) {
            return Optional.empty();
        }
        return armed.take(doctype, kind);
    }

    @Override
    public void committed(WriteFault fault) {
        if (fault.withholdsAnswer()) {
            withheld.withhold(fault);
            answersWithheld.incrementAndGet();
        }
    }

    /** True while some request's answer is to be withheld; lets every other answer pass without a look. */
    boolean answersWithheld() {
        return answersWithheld.get() > 0;
    }

    void answerWithheld() {
        answersWithheld.decrementAndGet();
    }

    private Armed live(String site) {
        Armed armed = plans.get(site);
        if (armed != null && armed.plan().endedBy(Instant.now())) {
            plans.remove(site, armed);
            return null;
        }
        return armed;
    }

    /** A plan as set, with what its write rules have left. */
    private static final class Armed {

        private static final int UNLIMITED = -1;

        private final FaultPlan plan;
        private final List<AtomicInteger> left = new ArrayList<>();

        Armed(FaultPlan plan) {
            this.plan = plan;
            plan.writes().forEach(rule -> left.add(new AtomicInteger(rule.times() == null ? UNLIMITED : rule.times())));
        }

        FaultPlan plan() {
            return plan;
        }

        Optional<WriteFault> take(String doctype, WriteKind kind) {
            for (int i = 0; i < plan.writes().size(); i++) {
                WriteRule rule = plan.writes().get(i);
                if (!rule.matches(doctype, kind) || ThreadLocalRandom.current().nextDouble() >= rule.chance()) {
                    continue;
                }
                int before = left.get(i).getAndUpdate(n -> n > 0 ? n - 1 : n);
                if (before != 0) {
                    return Optional.of(rule.fault());
                }
            }
            return Optional.empty();
        }

        FaultPlan described() {
            List<WriteRule> current = new ArrayList<>();
            for (int i = 0; i < plan.writes().size(); i++) {
                int remaining = left.get(i).get();
                current.add(plan.writes().get(i).withLeft(remaining == UNLIMITED ? null : remaining));
            }
            return plan.withWrites(current);
        }
    }
}
