package dev.sitesync.support.flow;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * Runs a work cycle now rather than at the next tick: a stage nudges the next one as soon as it produced work, and a
 * cycle that found work runs again at once, so a backlog drains at full speed while an idle worker only ticks. At
 * most one cycle of a stage runs at a time in this process.
 */
public final class Drain {

    private static final Logger LOG = Logger.getLogger(Drain.class);

    private final String name;
    private final Supplier<Uni<Integer>> cycle;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    /** @param cycle one cycle of work, answering how many items it handled */
    public Drain(String name, Supplier<Uni<Integer>> cycle) {
        this.name = name;
        this.cycle = cycle;
    }

    public void nudge() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        cycle.get().subscribe().with(handled -> finish(handled > 0), failure -> {
            LOG.warnf("%s cycle failed: %s", name, failure.getMessage());
            finish(false);
        });
    }

    private void finish(boolean busy) {
        running.set(false);
        if (busy || again.getAndSet(false)) {
            nudge();
        }
    }
}
