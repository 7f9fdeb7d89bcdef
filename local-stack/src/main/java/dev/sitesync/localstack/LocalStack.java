package dev.sitesync.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The main command: {@code ./run-stack}. Starts the whole stack on this machine, runs the scenario, prints the status
 * and where everything listens, and keeps it up until Ctrl-C; with {@code --scenario-only} it exits 0 or 1 instead.
 */
public final class LocalStack {

    private LocalStack() {
    }

    public static void main(String[] args) throws InterruptedException {
        Progress progress = new Progress();
        StackOptions options;
        Stack stack;
        try {
            options = StackOptions.parse(args, repositoryRoot());
            if (options.help()) {
                System.out.println(StackOptions.USAGE);
                return;
            }
            stack = Stack.start(options, progress);
        } catch (StackFailure failure) {
            System.err.println("local-stack: " + failure.getMessage());
            System.exit(1);
            return;
        }
        Stack started = stack;
        Thread stopper = new Thread(() -> {
            System.out.println("\nStopping SiteSync...");
            started.close();
            System.out.println("Stopped.");
        }, "local-stack-stop");
        Runtime.getRuntime().addShutdownHook(stopper);

        progress.step("Ready after %.1f s; resident memory of the stack %d MB".formatted(
                stack.readyAfter().toMillis() / 1000.0, ResidentMemory.totalMegabytes(options.stateDir())));
        progress.step("Running the scenario");
        boolean passed;
        try {
            List<Scenario.Step> steps = new Scenario(stack).run();
            passed = Scenario.passed(steps);
        } catch (StackFailure failure) {
            System.err.println("local-stack: the scenario could not run: " + failure.getMessage());
            passed = false;
        }
        progress.step(passed
                ? "The scenario passed"
                : "The scenario FAILED; the services' logs are in "
                        + options.stateDir().resolve("logs"));
        System.out.print(new StatusTable(stack).render());
        if (options.scenarioOnly()) {
            System.exit(passed ? 0 : 1);
        }
        System.out.print(Summary.of(stack));
        Thread.currentThread().join();
    }

    /** The repository root: the working directory or the nearest parent holding the Maven wrapper. */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.isExecutable(candidate.resolve("mvnw")) && Files.exists(candidate.resolve("local-stack"))) {
                return candidate;
            }
        }
        throw new StackFailure("Run ./run-stack from the SiteSync repository (no mvnw found above " + dir + ").");
    }
}
