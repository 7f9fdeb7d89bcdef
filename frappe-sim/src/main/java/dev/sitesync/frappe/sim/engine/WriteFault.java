package dev.sitesync.frappe.sim.engine;

import java.time.Duration;

/**
 * What one write meets: its transaction held open after {@code modified} was set and before the commit (a late
 * commit), and what becomes of the answer once committed: sent, never sent (the connection closed, as by a proxy
 * timeout or a crash after commit), or sent after the client has given up. Or, with an {@code errorStatus}, the write
 * fails before its commit and nothing of it is written.
 */
public record WriteFault(Duration holdCommit, WriteAnswer answer, Duration answerDelay, int errorStatus) {

    /** Fails the write with its error status, if it has one: thrown inside its transaction, which rolls back. */
    void failBeforeCommit() {
        if (errorStatus != 0) {
            throw FrappeError.serverFault(errorStatus);
        }
    }

    /** Keeps the write's transaction, its locks and its invisible rows open, as a slow commit would. */
    void delayCommit() {
        if (holdCommit.isZero()) {
            return;
        }
        try {
            Thread.sleep(holdCommit.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while holding a commit", e);
        }
    }

    public boolean withholdsAnswer() {
        return answer != WriteAnswer.ANSWERED;
    }
}
