package dev.sitesync.stack.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** Waits until a component's probe answers 200; a component that exits or stays unhealthy fails naming its log. */
public final class Readiness {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final int TAIL_BYTES = 8_192;
    private static final int TAIL_LINES = 15;
    private static final int LINE_WIDTH = 400;

    private Readiness() {
    }

    /** A component that did not become ready; the message names its log. */
    public static final class NotReadyException extends IllegalStateException {

        private final boolean timedOut;

        NotReadyException(String message, boolean timedOut) {
            super(message);
            this.timedOut = timedOut;
        }

        /** True when it was still running but not healthy in time, false when it stopped. */
        public boolean timedOut() {
            return timedOut;
        }
    }

    /**
     * Waits for the probe of {@code process}. A process that exits first fails with its exit status and the end of its
     * log, so the cause shows where the failure is reported (a build log, say) even when the log file is gone.
     */
    public static void await(String name, String probeUrl, Process process, Path log, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest probe = HttpRequest.newBuilder(URI.create(probeUrl)).timeout(Duration.ofSeconds(3)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new NotReadyException(name + " stopped while starting (exit status " + process.exitValue()
                        + "); see " + log + ". Its log ends with:" + System.lineSeparator() + tail(log), false);
            }
            try {
                if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotReadyException("Interrupted while waiting for " + name + ".", false);
            }
            pause(Duration.ofMillis(250));
        }
        throw new NotReadyException(name + " did not become healthy within " + timeout.toSeconds() + " s; see " + log
                + ".", true);
    }

    /** The last lines of a log, each cut to a readable width and indented. */
    static String tail(Path log) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            byte[] bytes = new byte[(int) Math.min(file.length(), TAIL_BYTES)];
            file.seek(file.length() - bytes.length);
            file.readFully(bytes);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank()).toList();
            return lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()).stream()
                    .map(line -> "    " + (line.length() > LINE_WIDTH ? line.substring(0, LINE_WIDTH) + " ..." : line))
                    .collect(Collectors.joining(System.lineSeparator()));
        } catch (IOException e) {
            return "    (the log cannot be read: " + e.getMessage() + ")";
        }
    }

    /** Sleeps, keeping the thread's interrupt for its caller. */
    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
