package dev.sitesync.worker.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.sitesync.worker.store.SyncOverview.Applied;
import dev.sitesync.worker.store.SyncOverview.DeadOpen;
import dev.sitesync.worker.store.SyncOverview.Inbound;
import dev.sitesync.worker.store.SyncOverview.Outbound;
import dev.sitesync.worker.store.SyncOverview.Route;

/**
 * The status view's per-doctype and per-peer rows, folded from the queues' counts. Field names are read by other
 * tools (the local stack's status table): keep them.
 */
public final class StatusReport {

    /**
     * Target side: what this site took in of one doctype. Lag is the age of its oldest change not applied yet, those
     * waiting for an operator included, or 0.
     */
    public record DoctypeStatus(String doctype, long applied, long pending, long conflicts, long deadLetters,
            double lagSeconds) {
    }

    /** Source side: what one consumer has still to receive of one doctype; its lag counts parked deliveries too. */
    public record PeerStatus(String peer, String doctype, long outboxPending, long parked, double lagSeconds) {
    }

    private StatusReport() {
    }

    public static List<DoctypeStatus> doctypes(List<Applied> applied, List<Inbound> inbound, List<DeadOpen> dead) {
        Map<String, long[]> counts = new TreeMap<>(); // applied, pending, conflicts, dead letters
        Map<String, Double> lag = new TreeMap<>();
        applied.forEach(a -> counts.computeIfAbsent(a.doctype(), d -> new long[4])[0] += a.documents());
        for (Inbound task : inbound) {
            long[] row = counts.computeIfAbsent(task.doctype(), d -> new long[4]);
            if (!"DEAD".equals(task.status())) {
                row[1] += task.tasks();
            }
            lag.merge(task.doctype(), task.lagSeconds(), Math::max);
        }
        for (DeadOpen open : dead) {
            long[] row = counts.computeIfAbsent(open.doctype(), d -> new long[4]);
            row[2] += open.conflicts();
            row[3] += open.deadLetters();
        }
        List<DoctypeStatus> rows = new ArrayList<>();
        counts.forEach((doctype, c) -> rows.add(new DoctypeStatus(doctype, c[0], c[1], c[2], c[3],
                seconds(lag.getOrDefault(doctype, 0.0)))));
        return rows;
    }

    public static List<PeerStatus> peers(List<Route> routes, List<Outbound> open) {
        Map<Route, PeerStatus> rows = new TreeMap<>(Comparator.comparing(Route::peer).thenComparing(Route::doctype));
        routes.forEach(route -> rows.put(route, new PeerStatus(route.peer(), route.doctype(), 0, 0, 0)));
        open.forEach(o -> rows.put(new Route(o.peer(), o.doctype()),
                new PeerStatus(o.peer(), o.doctype(), o.pending(), o.parked(), seconds(o.lagSeconds()))));
        return List.copyOf(rows.values());
    }

    /** Milliseconds are enough for an operator, and keep the JSON short. */
    private static double seconds(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
