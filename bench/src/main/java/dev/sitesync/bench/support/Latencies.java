package dev.sitesync.bench.support;

import java.util.Arrays;

/** Latencies of many calls, in nanoseconds, for percentiles. */
public final class Latencies {

    private long[] nanos = new long[1024];
    private int count;

    public synchronized void record(long elapsedNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = elapsedNanos;
    }

    public synchronized int count() {
        return count;
    }

    /** The latency at the given percentile (0-100), in milliseconds. */
    public synchronized double percentileMillis(double percentile) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, index))] / 1_000_000.0;
    }
}
