package dev.sitesync.localstack;

import java.nio.file.Files;
import java.nio.file.Path;

/** The main command: {@code ./run-stack}. Starts the whole stack on this machine and keeps it up until Ctrl-C. */
public final class LocalStack {

    private LocalStack() {
    }

    public static void main(String[] args) throws InterruptedException {
        Progress progress = new Progress();
        Stack stack;
        try {
            StackOptions options = StackOptions.parse(args, repositoryRoot());
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
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping SiteSync...");
            started.close();
            System.out.println("Stopped.");
        }, "local-stack-stop"));
        System.out.print(stack.summary());
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
