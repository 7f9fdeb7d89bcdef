package dev.sitesync.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** Builds the services whose runnable jar is missing (or all, on --rebuild), with the project's Maven wrapper. */
final class Builder {

    private final StackOptions options;
    private final Progress progress;

    Builder(StackOptions options, Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    void buildMissing(List<ServiceSpec> services) {
        List<String> modules = new ArrayList<>();
        for (ServiceSpec service : services) {
            if (options.rebuild() || !Files.exists(service.runnerJar(options.root()))) {
                modules.add(service.module());
            }
        }
        if (modules.isEmpty()) {
            progress.step("Services already built (./run-stack --rebuild builds them again)");
            return;
        }
        progress.step("Building " + String.join(", ", modules) + " (the first build downloads dependencies: minutes)");
        List<String> command = List.of(options.root().resolve("mvnw").toString(), "-B", "-q", "package", "-DskipTests",
                "-pl", String.join(",", modules), "-am");
        int exit = run(command);
        if (exit != 0) {
            throw new StackFailure("The build failed (exit " + exit + "); run '" + String.join(" ", command)
                    + "' to see why.");
        }
    }

    private int run(List<String> command) {
        try {
            Process build = new ProcessBuilder(command).directory(options.root().toFile()).inheritIO().start();
            return build.waitFor();
        } catch (IOException e) {
            throw new StackFailure("Cannot run the Maven wrapper (" + e.getMessage() + "); is ./mvnw executable?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackFailure("Interrupted while building.");
        }
    }
}
