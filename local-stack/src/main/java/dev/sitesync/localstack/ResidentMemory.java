package dev.sitesync.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Resident memory of the stack from /proc: every descendant of this process (services, Keycloak under kc.sh) and the
 * PostgreSQL processes of the stack's data directory (pg_ctl detaches them, so they are nobody's children).
 */
public final class ResidentMemory {

    private ResidentMemory() {
    }

    /** Kilobytes of resident memory by process, keyed by pid with its command's short name. */
    public static Map<String, Long> byProcess(Path stateDir) {
        Map<String, Long> rss = new LinkedHashMap<>();
        ProcessHandle.current().descendants().forEach(p -> add(rss, p.pid()));
        String dataDir = stateDir.toAbsolutePath().toString();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path proc : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String command = read(proc.resolve("cmdline")).replace('\0', ' ');
                if (command.contains("postgres") && command.contains(dataDir)) {
                    long pid = Long.parseLong(proc.getFileName().toString());
                    add(rss, pid);
                    ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(child -> add(rss, child.pid())));
                }
            }
        } catch (IOException e) {
            // no /proc: nothing to report
        }
        return rss;
    }

    public static long totalMegabytes(Path stateDir) {
        return byProcess(stateDir).values().stream().mapToLong(Long::longValue).sum() / 1024;
    }

    private static void add(Map<String, Long> rss, long pid) {
        Path status = Path.of("/proc", String.valueOf(pid), "status");
        String name = "?";
        long kilobytes = 0;
        for (String line : List.of(read(status).split("\n"))) {
            if (line.startsWith("Name:")) {
                name = line.substring(5).trim();
            } else if (line.startsWith("VmRSS:")) {
                kilobytes = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        if (kilobytes > 0) {
            rss.put(pid + " " + name, kilobytes);
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
