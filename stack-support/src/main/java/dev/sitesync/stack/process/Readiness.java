package dev.sitesync.stack.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waits until a component's probe answers 200; a component that exits or stays unhealthy fails naming its log. */
public final class Readiness {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

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

    public static void await(String name, String probeUrl, BooleanSupplier alive, Path log, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest probe = HttpRequest.newBuilder(URI.create(probeUrl)).timeout(Duration.ofSeconds(3)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!alive.getAsBoolean()) {
                throw new NotReadyException(name + " stopped while starting; see " + log + ".", false);
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

    /** Sleeps, keeping the thread's interrupt for its caller. */
    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
