package dev.sitesync.worker.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * What the worker knows about one target it calls (its own site, a peer's worker): whether it answers. Calls go out
 * while the circuit is closed; it opens on a failure rate (or at once when the target refuses our credentials or asks
 * us to wait), and while it is open nothing is sent and no document spends a retry on it: one probe at a time tells
 * when the target is back. Kept in the database, so replicas share it and a restart keeps it.
 *
 * @param failures failed calls in the current window; {@code calls} all calls in it
 * @param openings how often it opened in a row without closing: the probe interval grows with it
 * @param reason why it opened: UNAVAILABLE, CREDENTIALS (401/403) or RATE_LIMITED (429)
 */
public record Circuit(String target, State state, Instant windowStart, int calls, int failures, Instant openedAt,
        Instant nextProbeAt, int openings, String reason, String lastError) {

    public enum State {
        CLOSED,
        OPEN,
        /** One caller probes; the others wait for its outcome. */
        HALF_OPEN
    }

    /** Why a call failed, as far as the target's health goes. */
    public enum Failure {
        /** Connection refused, timeout, 5xx: counts toward the failure rate. */
        UNAVAILABLE,
        /** 401/403: retrying blindly would lock the user out; opens at once. */
        CREDENTIALS,
        /** 429: the target said how long to wait; opens at once for that long. */
        RATE_LIMITED
    }

    /** How a circuit opens and probes. */
    public record Policy(Duration window, int minimumCalls, double failureRate, Duration firstProbe, Duration maxProbe,
            Duration credentialsProbe) {

    }

    public static Circuit closed(String target, Instant now) {
        return new Circuit(target, State.CLOSED, now, 0, 0, null, null, 0, null, null);
    }

    public boolean isClosed() {
        return state == State.CLOSED;
    }

    /** Whether a probe may go out now: the circuit is open and its probe is due, or the last probe's time is up. */
    public boolean probeDue(Instant now) {
        return state != State.CLOSED && nextProbeAt != null && !now.isBefore(nextProbeAt);
    }

    /** After a call that worked: closed, counting from scratch. */
    public Circuit succeeded(Instant now) {
        if (state == State.CLOSED && failures == 0) {
            return this;
        }
        return new Circuit(target, State.CLOSED, now, 0, 0, null, null, 0, null, null);
    }

    /** After a failed call: counted, and opened when the rate is reached or the failure says so at once. */
    public Circuit failed(Failure failure, Duration retryAfter, String error, Instant now, Policy policy) {
        if (state != State.CLOSED) {
            // a failed probe: open again, probing less often
            return open(failure, retryAfter, error, now, policy, openings + 1);
        }
        if (failure != Failure.UNAVAILABLE) {
            return open(failure, retryAfter, error, now, policy, 1);
        }
        boolean fresh = now.isAfter(windowStart.plus(policy.window()));
        int windowCalls = (fresh ? 0 : calls) + 1;
        int windowFailures = (fresh ? 0 : failures) + 1;
        Instant start = fresh ? now : windowStart;
        if (windowCalls >= policy.minimumCalls() && windowFailures >= policy.failureRate() * windowCalls) {
            return open(failure, retryAfter, error, now, policy, 1);
        }
        return new Circuit(target, State.CLOSED, start, windowCalls, windowFailures, null, null, 0, null, error);
    }

    /** A call that worked while closed, in a window that already counts failures. */
    public Circuit counted(Instant now, Policy policy) {
        if (state != State.CLOSED || failures == 0) {
            return succeeded(now);
        }
        boolean fresh = now.isAfter(windowStart.plus(policy.window()));
        return fresh
                ? new Circuit(target, State.CLOSED, now, 1, 0, null, null, 0, null, null)
                : new Circuit(target, State.CLOSED, windowStart, calls + 1, failures, null, null, 0, null, lastError);
    }

    /** The probe is out: the others keep waiting until it comes back or its own lease ends. */
    public Circuit probing(Instant until) {
        return new Circuit(target, State.HALF_OPEN, windowStart, calls, failures, openedAt, until, openings, reason,
                lastError);
    }

    private Circuit open(Failure failure, Duration retryAfter, String error, Instant now, Policy policy, int count) {
        Duration wait = switch (failure) {
            case CREDENTIALS -> policy.credentialsProbe();
            case RATE_LIMITED -> retryAfter != null ? retryAfter : policy.firstProbe();
            case UNAVAILABLE -> Backoff.ceiling(count, policy.firstProbe(), policy.maxProbe());
        };
        return new Circuit(target, State.OPEN, now, 0, 0, openedAt != null && state != State.CLOSED ? openedAt : now,
                now.plus(wait), count, failure.name(), error);
    }
}
