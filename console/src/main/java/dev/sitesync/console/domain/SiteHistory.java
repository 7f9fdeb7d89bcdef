package dev.sitesync.console.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * What one site's worker did over the last hours, from its metrics read at intervals: changes applied to its site and
 * deliveries acknowledged by its peers (both counters), and its largest lag (a gauge). Samples older than the window
 * are dropped. Throughput is the counters' growth per minute between two samples; a counter that went down (the
 * worker restarted) counts from zero.
 */
public final class SiteHistory {

    /** One reading of a worker's metrics. */
    public record Sample(Instant at, double applied, double delivered, double lagSeconds) {
    }

    /** A value at a time, for a chart. */
    public record Point(Instant at, double value) {
    }

    private final Duration window;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private Instant lastSuccess;

    public SiteHistory(Duration window) {
        this.window = window;
    }

    public synchronized void add(Sample sample) {
        Sample previous = samples.peekLast();
        if (previous != null && (grew(previous.applied(), sample.applied())
                || grew(previous.delivered(), sample.delivered()))) {
            lastSuccess = sample.at();
        }
        samples.addLast(sample);
        Instant oldest = sample.at().minus(window);
        while (!samples.isEmpty() && samples.peekFirst().at().isBefore(oldest)) {
            samples.removeFirst();
        }
    }

    /** Changes applied plus deliveries acknowledged, per minute, between consecutive samples. */
    public synchronized List<Point> throughputPerMinute() {
        List<Point> points = new ArrayList<>();
        Sample previous = null;
        for (Sample sample : samples) {
            if (previous != null) {
                double minutes = Duration.between(previous.at(), sample.at()).toMillis() / 60_000.0;
                if (minutes > 0) {
                    double done = growth(previous.applied(), sample.applied())
                            + growth(previous.delivered(), sample.delivered());
                    points.add(new Point(sample.at(), done / minutes));
                }
            }
            previous = sample;
        }
        return points;
    }

    public synchronized List<Point> lagSeconds() {
        return samples.stream().map(s -> new Point(s.at(), s.lagSeconds())).toList();
    }

    /** When the worker last applied or delivered something, as far as the samples tell. */
    public synchronized Optional<Instant> lastSuccess() {
        return Optional.ofNullable(lastSuccess);
    }

    public synchronized Optional<Instant> firstSample() {
        return Optional.ofNullable(samples.peekFirst()).map(Sample::at);
    }

    private static boolean grew(double before, double after) {
        return growth(before, after) > 0;
    }

    private static double growth(double before, double after) {
        return after >= before ? after - before : after;
    }
}
