package dev.sitesync.bench.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import dev.sitesync.stack.process.JavaService;

/** CPU time the operating system accounted to processes (user and system, all threads), as it reads {@code /proc}. */
public final class CpuTime {

    private CpuTime() {
    }

    public static Duration of(Collection<JavaService> processes) {
        Duration total = Duration.ZERO;
        for (JavaService process : processes) {
            total = total.plus(ProcessHandle.of(process.pid()).flatMap(handle -> handle.info().totalCpuDuration())
                    .orElse(Duration.ZERO));
        }
        return total;
    }

    /** Clock ticks per second of {@code /proc}'s counters (USER_HZ, 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100;

    /**
     * A server process and all its children, those still running and those it already reaped (PostgreSQL: the
     * postmaster, its backends and its background workers). Zero where there is no {@code /proc}.
     */
    public static Duration ofTree(long pid) {
        long[] own = stat(pid);
        if (own.length == 0) {
            return Duration.ZERO;
        }
        // utime, stime of the process, then cutime, cstime: the children it has waited for
        long ticks = own[0] + own[1] + own[2] + own[3];
        for (ProcessHandle child : ProcessHandle.of(pid).map(handle -> handle.descendants().toList())
                .orElse(List.of())) {
            long[] fields = stat(child.pid());
            if (fields.length > 0) {
                ticks += fields[0] + fields[1];
            }
        }
        return Duration.ofMillis(Math.round(ticks * 1000 / TICKS_PER_SECOND));
    }

    /** One process's own CPU time (user and system), from {@code /proc}; zero when it is gone. */
    public static Duration ofPid(long pid) {
        long[] fields = stat(pid);
        return fields.length == 0
                ? Duration.ZERO
                : Duration.ofMillis(Math.round((fields[0] + fields[1]) * 1000
                        / TICKS_PER_SECOND));
    }

    /** Every busy CPU second of the machine, from {@code /proc/stat} (all but idle, I/O wait and time stolen by a
     * hypervisor). */
    public static Duration machine() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long[] ticks = Arrays.stream(cpu, 1, cpu.length).mapToLong(Long::parseLong).toArray();
            long busy = Arrays.stream(ticks).sum() - ticks[3] - ticks[4] - ticks[7]
                    - (ticks.length > 9 ? ticks[8] + ticks[9] : 0); // idle, I/O wait, stolen; guest is in user
            return Duration.ofMillis(Math.round(busy * 1000 / TICKS_PER_SECOND));
        } catch (IOException e) {
            return Duration.ZERO;
        }
    }

    /** utime, stime, cutime and cstime from {@code /proc/<pid>/stat} (fields 14 to 17); empty when it is gone. */
    private static long[] stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // the command name may hold spaces: the fields after it start past its closing parenthesis, at field 3
            String[] rest = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
            return Arrays.stream(rest, 14 - 3, 18 - 3).mapToLong(Long::parseLong).toArray();
        } catch (IOException | UncheckedIOException e) {
            return new long[0];
        }
    }
}
