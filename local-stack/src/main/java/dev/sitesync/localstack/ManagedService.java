package dev.sitesync.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.sitesync.stack.process.JavaService;
import dev.sitesync.stack.process.Readiness;

/**
 * One service of the stack as a child JVM that can be stopped, killed and started again with the same configuration
 * (the fault tests do).
 */
public final class ManagedService implements AutoCloseable {

    private final String name;
    private final String module;
    private final int port;
    private final String probeUrl;
    private final Map<String, String> environment;
    private final Path root;
    private final Path logDir;
    private JavaService process;

    ManagedService(String name, String module, int port, String probeUrl, Map<String, String> environment, Path root,
            Path logDir) {
        this.name = name;
        this.module = module;
        this.port = port;
        this.probeUrl = probeUrl;
        this.environment = Map.copyOf(environment);
        this.root = root;
        this.logDir = logDir;
    }

    static Path runnerJar(Path root, String module) {
        return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** Starts the process; {@link #awaitReady} waits for its readiness probe. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " runs already");
        }
        try {
            process = JavaService.start(name, runnerJar(root, module), port, root, logDir, environment);
        } catch (IllegalStateException e) {
            throw new StackFailure(e.getMessage());
        }
    }

    public void awaitReady(Duration timeout) {
        try {
            process.awaitReady(probeUrl, timeout);
        } catch (Readiness.NotReadyException e) {
            throw StackFailure.notReady(e);
        }
    }

    /** Ends the process at once (SIGKILL), as a crash would. */
    public synchronized void kill() {
        process.kill();
    }

    /** Stops the process gracefully (SIGTERM). */
    public synchronized void stop() {
        process.close();
    }

    public String name() {
        return name;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public Path log() {
        return logDir.resolve(name + ".log");
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.close();
        }
    }
}
