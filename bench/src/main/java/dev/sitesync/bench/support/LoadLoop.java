package dev.sitesync.bench.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Runs a call from several workers for a fixed time and measures items per second and call latency. */
public final class LoadLoop {

    /** One call under load; returns how many items it handled. */
    @FunctionalInterface
    public interface Call {

        int run(int worker, long sequence) throws Exception;
    }

    /** What a run measured. */
    public record Result(String name, int workers, long calls, long items, long failures, double seconds, double p50Millis,
            double p99Millis, String firstFailure) {

        public double itemsPerSecond() {
            return items / seconds;
        }

        public double callsPerSecond() {
            return calls / seconds;
        }

        public String line() {
            return "%-34s workers %3d   calls %7d   items/s %9.0f   calls/s %8.0f   p50 %7.2f ms   p99 %7.2f ms   failures %d"
                    .formatted(name, workers, calls, itemsPerSecond(), callsPerSecond(), p50Millis, p99Millis, failures)
                    + (firstFailure == null ? "" : " (the first: " + firstFailure + ")");
        }
    }

    private LoadLoop() {
    }

    public static Result run(String name, int workers, Duration duration, Call call) throws Exception {
        Latencies latencies = new Latencies();
        AtomicLong items = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        AtomicLong sequence = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int worker = w;
                running.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        long before = System.nanoTime();
                        try {
                            items.addAndGet(call.run(worker, sequence.getAndIncrement()));
                            latencies.record(System.nanoTime() - before);
                        } catch (Exception e) {
                            failures.incrementAndGet();
                            firstFailure.compareAndSet(null, e.toString());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(name, workers, latencies.count(), items.get(), failures.get(), seconds,
                latencies.percentileMillis(50), latencies.percentileMillis(99), firstFailure.get());
    }
}
