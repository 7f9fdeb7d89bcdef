package dev.sitesync.console.client;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** A worker's {@code GET /ops/v1/status}, the fields the console shows. */
public record WorkerStatus(String site, Map<String, Long> outboxPending, Map<String, Long> applyTasks,
        long eventsPending, List<DoctypeStatus> doctypes, List<PeerStatus> peers, List<CircuitStatus> circuits) {

    public WorkerStatus {
        outboxPending = outboxPending == null ? Map.of() : outboxPending;
        applyTasks = applyTasks == null ? Map.of() : applyTasks;
        doctypes = doctypes == null ? List.of() : doctypes;
        peers = peers == null ? List.of() : peers;
        circuits = circuits == null ? List.of() : circuits;
    }

    /** Target side: what this site took in of one doctype. */
    public record DoctypeStatus(String doctype, long applied, long pending, long conflicts, long deadLetters,
            double lagSeconds) {
    }

    /** Source side: what one consumer has still to receive of one doctype. */
    public record PeerStatus(String peer, String doctype, long outboxPending, long parked, double lagSeconds) {
    }

    /** One target's circuit: CLOSED takes calls; OPEN and HALF_OPEN hold work back. */
    public record CircuitStatus(String target, String state, String reason, OffsetDateTime openedAt,
            OffsetDateTime nextProbeAt, String lastError) {

        public boolean closed() {
            return "CLOSED".equals(state);
        }
    }

    public long outboxTotal() {
        return outboxPending.values().stream().mapToLong(Long::longValue).sum();
    }

    public long applyTasksWaiting() {
        return applyTasks.entrySet().stream().filter(e -> !"DEAD".equals(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    public long conflicts() {
        return doctypes.stream().mapToLong(DoctypeStatus::conflicts).sum();
    }

    public long deadLetters() {
        return doctypes.stream().mapToLong(DoctypeStatus::deadLetters).sum();
    }

    public long parked() {
        return peers.stream().mapToLong(PeerStatus::parked).sum();
    }

    /** The largest lag in either direction, in seconds. */
    public double lagSeconds() {
        double inbound = doctypes.stream().mapToDouble(DoctypeStatus::lagSeconds).max().orElse(0);
        double outbound = peers.stream().mapToDouble(PeerStatus::lagSeconds).max().orElse(0);
        return Math.max(inbound, outbound);
    }

    public long openCircuits() {
        return circuits.stream().filter(c -> !c.closed()).count();
    }
}
