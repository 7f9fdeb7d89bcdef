package dev.sitesync.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A service running as a child JVM, its output in a log file, healthy once its readiness probe says UP. */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ServiceSpec spec;
    private final Process process;
    private final Path log;

    private ServiceProcess(ServiceSpec spec, Process process, Path log) {
        this.spec = spec;
        this.process = process;
        this.log = log;
    }

    public static ServiceProcess start(ServiceSpec spec, Path root, Path logDir, Map<String, String> environment) {
        Path log = logDir.resolve(spec.name() + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-jar",
                spec.runnerJar(root).toString()))
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(spec.port()));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        try {
            Files.createDirectories(logDir);
            return new ServiceProcess(spec, builder.start(), log);
        } catch (IOException e) {
            throw new StackFailure("Cannot start " + spec.name() + ": " + e.getMessage());
        }
    }

    /** Waits until the readiness probe answers 200; fails with where to look when it does not in time. */
    public void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest probe = HttpRequest.newBuilder(URI.create(spec.url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new StackFailure(spec.name() + " exited with code " + process.exitValue() + "; see " + log + ".");
            }
            try {
                if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackFailure("Interrupted while waiting for " + spec.name() + ".");
            }
            sleep(Duration.ofMillis(250));
        }
        throw new StackFailure(spec.name() + " did not become healthy within " + timeout.toSeconds() + " s; see " + log
                + " (a slow machine may need SITESYNC_START_TIMEOUT=120).");
    }

    public ServiceSpec spec() {
        return spec;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
