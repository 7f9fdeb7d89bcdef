package dev.sitesync.localstack;

/** A failure the launcher explains in one line: what went wrong and what to do. */
public class StackFailure extends RuntimeException {

    StackFailure(String message) {
        super(message, null, false, false);
    }
}
