package dev.sitesync.bench.support;

import java.time.Duration;
import java.util.Collection;

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
}
