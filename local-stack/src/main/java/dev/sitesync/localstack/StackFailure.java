package dev.sitesync.localstack;

import dev.sitesync.stack.process.Readiness;

/** A failure the launcher explains in one line: what went wrong and what to do. */
public class StackFailure extends RuntimeException {

    StackFailure(String message) {
        super(message, null, false, false);
    }

    static StackFailure notReady(Readiness.NotReadyException e) {
        return new StackFailure(e.getMessage()
                + (e.timedOut() ? " A slow machine may need SITESYNC_START_TIMEOUT=300." : ""));
    }
}
