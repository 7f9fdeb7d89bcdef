package dev.sitesync.console.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A small line chart drawn as SVG by the page itself (no chart library, no script): the points of a series over a
 * time window, scaled into a fixed box, with the peak as the scale's top and a sentence saying what it shows for
 * people who cannot see it.
 *
 * @param points the SVG polyline's points ("x,y x,y ..."), empty when there is nothing to draw
 * @param peak the largest value, the top of the scale
 * @param latest the last value, or 0
 * @param summary what the chart shows, in words
 */
public record LineChart(String title, String unit, String points, double peak, double latest, String summary) {

    public static final int WIDTH = 320;
    public static final int HEIGHT = 80;

    public static LineChart of(String title, String unit, List<SiteHistory.Point> series, Instant end, Duration window) {
        Instant start = end.minus(window);
        List<SiteHistory.Point> shown = series.stream().filter(p -> !p.at().isBefore(start)).toList();
        double peak = shown.stream().mapToDouble(SiteHistory.Point::value).max().orElse(0);
        double latest = shown.isEmpty() ? 0 : shown.get(shown.size() - 1).value();
        double top = peak > 0 ? peak : 1;
        double span = Math.max(1, window.toMillis());
        StringBuilder points = new StringBuilder();
        for (SiteHistory.Point point : shown) {
            double x = (Duration.between(start, point.at()).toMillis() / span) * WIDTH;
            double y = HEIGHT - (point.value() / top) * (HEIGHT - 4) - 2;
            points.append(points.isEmpty() ? "" : " ").append(format(x)).append(',').append(format(y));
        }
        String summary = shown.isEmpty()
                ? title + ": no readings yet in the last " + hours(window) + "."
                : "%s over the last %s: latest %s %s, peak %s %s (%d readings).".formatted(title, hours(window),
                        number(latest), unit, number(peak), unit, shown.size());
        return new LineChart(title, unit, points.toString(), peak, latest, summary);
    }

    public boolean empty() {
        return points.isEmpty();
    }

    public String peakText() {
        return number(peak);
    }

    public String latestText() {
        return number(latest);
    }

    static String number(double value) {
        return value >= 100 || value == Math.rint(value)
                ? String.valueOf(Math.round(value))
                : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String hours(Duration window) {
        long minutes = window.toMinutes();
        return minutes % 60 == 0 ? (minutes / 60) + " h" : minutes + " min";
    }
}
