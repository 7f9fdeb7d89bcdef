package dev.sitesync.stack.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Quarkus service running as a child JVM from its {@code quarkus-run.jar}, its output in a log file, healthy once
 * its readiness probe answers 200. Used by the local stack, benchmarks and multi-process tests.
 */
public final class JavaService implements AutoCloseable {

    /** The environment variable naming extra options for every JVM started here. */
    public static final String JVM_OPTIONS = "SITESYNC_JVM_OPTIONS";

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private JavaService(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
        // a child must not outlive the JVM that started it, even when nobody closed it (a test run ended early)
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, name + "-stop"));
    }

    /**
     * Starts {@code runnerJar} listening on 127.0.0.1:{@code port}, in {@code workDir}, logging to
     * {@code logDir/<name>.log}, with the given environment on top of this process's own.
     */
    public static JavaService start(String name, Path runnerJar, int port, Path workDir, Path logDir,
            Map<String, String> environment) {
        Path log = logDir.resolve(name + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC"));
        command.addAll(extraJvmOptions());
        command.addAll(List.of("-jar", runnerJar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        try {
            Files.createDirectories(logDir);
            return new JavaService(name, port, builder.start(), log);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Options every service JVM is started with on top of its own, from {@code SITESYNC_JVM_OPTIONS} (the build's tests
     * set it: their JVMs live for seconds or minutes, so compiling less pays); none when it is not set.
     */
    public static List<String> extraJvmOptions() {
        String options = System.getenv().getOrDefault(JVM_OPTIONS, "").strip();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    /** Waits until the readiness probe answers 200; fails with where to look when it does not in time. */
    public void awaitReady(Duration timeout) {
        awaitReady(url() + "/q/health/ready", timeout);
    }

    /** The same, for a service whose probe is elsewhere (a separate management port). */
    public void awaitReady(String probeUrl, Duration timeout) {
        Readiness.await(name, probeUrl, process, log, timeout);
    }

    public String name() {
        return name;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Ends the process at once (SIGKILL), as a crash would: no shutdown hook runs. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
}
