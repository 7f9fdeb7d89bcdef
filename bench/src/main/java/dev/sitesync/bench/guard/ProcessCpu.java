package dev.sitesync.bench.guard;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * CPU time used by the benchmark's own processes (its child services and its embedded PostgreSQL, found by their data
 * directory), by what they run. Read before and after a measured phase and divided by its calls, it gives the cost of a
 * call that other load on the machine does not change, where calls per second do change with it.
 */
public final class ProcessCpu {

    private final Path postgresData;

    public ProcessCpu(Path postgresData) {
        this.postgresData = postgresData;
    }

    /** CPU used so far, per service. */
    public Map<String, Duration> used() {
        Map<String, Duration> used = new TreeMap<>();
        ProcessHandle.current().descendants().forEach(process -> name(process)
                .ifPresent(name -> process.info().totalCpuDuration().ifPresent(cpu -> used.merge(name, cpu, Duration::plus))));
        ProcessHandle.allProcesses().filter(this::ourPostgres)
                .forEach(process -> process.info().totalCpuDuration().ifPresent(cpu -> used.merge("postgres", cpu,
                        Duration::plus)));
        return used;
    }

    /** "commerce-guard 0.41 ms, frappe-sim 0.10 ms, ..." of CPU per call between two readings. */
    public static String perCall(Map<String, Duration> before, Map<String, Duration> after, long calls) {
        return after.entrySet().stream().map(entry -> {
            Duration spent = entry.getValue().minus(before.getOrDefault(entry.getKey(), Duration.ZERO));
            return String.format(Locale.ROOT, "%s %.3f ms", entry.getKey(), spent.toNanos() / 1e6 / Math.max(1, calls));
        }).collect(Collectors.joining(", "));
    }

    private static Optional<String> name(ProcessHandle process) {
        String command = process.info().commandLine().orElse("");
        for (String service : new String[]{"commerce-guard", "inbound-gateway", "frappe-sim", "identity-service"}) {
            if (command.contains(service)) {
                return Optional.of(service);
            }
        }
        return Optional.empty();
    }

    /** The postmaster started on our data directory, and its backends (whatever title they give themselves). */
    private boolean ourPostgres(ProcessHandle process) {
        return postmaster(process) || process.parent().map(this::postmaster).orElse(false);
    }

    private boolean postmaster(ProcessHandle process) {
        return process.info().commandLine().orElse("").contains(postgresData.toString());
    }
}
