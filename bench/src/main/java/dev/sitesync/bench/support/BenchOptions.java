package dev.sitesync.bench.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A benchmark's command line, {@code --name value} pairs. Only the options the benchmark names are taken: a misspelt
 * or renamed option stops it with the list of options, rather than being ignored while the default runs.
 */
public final class BenchOptions {

    private final Map<String, String> values;

    private BenchOptions(Map<String, String> values) {
        this.values = values;
    }

    public static BenchOptions parse(String[] args, String... known) {
        List<String> names = List.of(known);
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].replaceFirst("^--", "");
            if (!args[i].startsWith("--") || !names.contains(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("Unknown or incomplete option '" + args[i] + "'; the options are --"
                        + String.join(" N, --", names) + " N");
            }
            values.put(name, args[i + 1]);
        }
        return new BenchOptions(values);
    }

    public int number(String name, int fallback) {
        String value = values.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " takes a whole number, not '" + value + "'");
        }
    }

    public Duration seconds(String name, int fallback) {
        return Duration.ofSeconds(number(name, fallback));
    }
}
