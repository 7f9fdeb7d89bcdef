package dev.sitesync.console.domain;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A service's Prometheus text exposition ({@code /q/metrics}), read for the few series the console charts. Comments,
 * exemplars and timestamps are skipped; a line that does not parse is ignored rather than failing the sample.
 */
public final class MetricsText {

    /** One sample: its metric name, labels and value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final java.util.List<Sample> samples;

    private MetricsText(java.util.List<Sample> samples) {
        this.samples = samples;
    }

    public static MetricsText parse(String text) {
        java.util.List<Sample> samples = new java.util.ArrayList<>();
        for (String line : text.split("\n")) {
            Sample sample = sample(line.strip());
            if (sample != null) {
                samples.add(sample);
            }
        }
        return new MetricsText(samples);
    }

    /** The sum of every sample of the metric whose labels the filter accepts; 0 when there is none. */
    public double sum(String name, Predicate<Map<String, String>> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && labels.test(s.labels()))
                .mapToDouble(Sample::value).sum();
    }

    /** The largest sample of the metric whose labels the filter accepts; 0 when there is none. */
    public double max(String name, Predicate<Map<String, String>> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && labels.test(s.labels()))
                .mapToDouble(Sample::value).max().orElse(0);
    }

    public boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    private static Sample sample(String line) {
        if (line.isEmpty() || line.startsWith("#")) {
            return null;
        }
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String name;
        Map<String, String> labels = new HashMap<>();
        String rest;
        if (brace >= 0 && brace < space) {
            int close = labelsEnd(line, brace);
            if (close < 0) {
                return null;
            }
            name = line.substring(0, brace);
            if (!labels(line.substring(brace + 1, close), labels)) {
                return null;
            }
            rest = line.substring(close + 1).strip();
        } else {
            name = line.substring(0, space);
            rest = line.substring(space + 1).strip();
        }
        String value = rest.split("\\s+", 2)[0];
        try {
            return new Sample(name, Map.copyOf(labels), Double.parseDouble(value.replace("+Inf", "Infinity")));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The closing brace of a label set, skipping braces inside quoted values. */
    private static int labelsEnd(String line, int open) {
        boolean quoted = false;
        for (int i = open + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '}' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static boolean labels(String text, Map<String, String> labels) {
        int i = 0;
        while (i < text.length()) {
            int equals = text.indexOf('=', i);
            if (equals < 0 || equals + 1 >= text.length() || text.charAt(equals + 1) != '"') {
                return text.substring(i).isBlank();
            }
            String key = text.substring(i, equals).strip();
            StringBuilder value = new StringBuilder();
            int j = equals + 2;
            for (; j < text.length() && text.charAt(j) != '"'; j++) {
                char c = text.charAt(j);
                if (c == '\\' && j + 1 < text.length()) {
                    char next = text.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
            }
            if (j >= text.length()) {
                return false;
            }
            labels.put(key, value.toString());
            i = j + 1;
            while (i < text.length() && (text.charAt(i) == ',' || text.charAt(i) == ' ')) {
                i++;
            }
        }
        return true;
    }
}
