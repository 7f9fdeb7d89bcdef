package dev.sitesync.localstack;

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
final class Readiness {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Readiness() {
    }

    static Duration startTimeout() {
        String seconds = System.getenv().getOrDefault("SITESYNC_START_TIMEOUT", "180");
        try {
            return Duration.ofSeconds(Long.parseLong(seconds));
        } catch (NumberFormatException e) {
            throw new StackFailure("SITESYNC_START_TIMEOUT must be a number of seconds, not '" + seconds + "'.");
        }
    }

    static void await(String name, String probeUrl, BooleanSupplier alive, Path log, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest probe = HttpRequest.newBuilder(URI.create(probeUrl)).timeout(Duration.ofSeconds(3)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!alive.getAsBoolean()) {
                throw new StackFailure(name + " stopped while starting; see " + log + ".");
            }
            try {
                if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackFailure("Interrupted while waiting for " + name + ".");
            }
            pause(Duration.ofMillis(300));
        }
        throw new StackFailure(name + " did not become healthy within " + timeout.toSeconds() + " s; see " + log
                + " (a slow machine may need SITESYNC_START_TIMEOUT=300).");
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackFailure("Interrupted.");
        }
    }
}
