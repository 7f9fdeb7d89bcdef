package dev.sitesync.worker.domain;

import java.time.Duration;

/**
 * What to do when applying a document failed: retry it later, or hand it to an operator. Unavailability (of the site
 * or of our own services) is waited out, never counted against the document: it is retried with backoff until it is
 * older than the retry age, and failures of the site open the site's circuit so other documents wait instead of
 * failing too. Refusals the site would repeat go to an operator at once.
 *
 * @param firstBackoff the first retry's delay; it doubles per attempt up to {@code maxBackoff}, with jitter
 * @param outageBackoff the longest wait while one of our own services is away, so its return is noticed soon
 * @param maxAge how long a document may keep failing before it is parked for an operator
 */
public record ApplyFailurePolicy(Duration firstBackoff, Duration maxBackoff, Duration outageBackoff, Duration maxAge) {

    /** Why an apply failed, as the worker tells it from the error. */
    public enum Cause {
        /** The site did not answer well: refused connection, timeout, 5xx. */
        SITE_UNAVAILABLE,
        /** The site answered 429; it may say how long to wait. */
        SITE_RATE_LIMITED,
        /** The site refused our sync user (401/403). */
        SITE_CREDENTIALS,
        /** The site refused this document: validation, a missing link, an unknown doctype. */
        SITE_REFUSED,
        /** Someone else changed the document on the site since our last write. */
        CONCURRENT_UPDATE,
        /** identity-service or ownership-service did not answer. */
        SERVICE_UNAVAILABLE,
        /** identity-service or ownership-service refused the call as it would again (a 4xx). */
        SERVICE_REFUSED,
        /** Two documents on the site carry this document's external ID. */
        EXTERNAL_ID_DUPLICATED,
        /** Anything else: treated as passing, and retried. */
        UNKNOWN
    }

    /** What becomes of the document. */
    public sealed interface Verdict {

        /**
         * Try again after {@code delay}. {@code siteFailure} is what the site's circuit records, if anything: such a
         * failure is the site's, not the document's, so the attempt is not {@code charged} to it.
         */
        record Retry(Duration delay, Circuit.Failure siteFailure, boolean charged) implements Verdict {
        }

        /** An operator decides: a dead letter with this reason. */
        record DeadLetter(String reason) implements Verdict {
        }
    }

    public static final String FIX_AT_SOURCE = "FIX_AT_SOURCE";
    public static final String REFUSED_BY_SERVICE = "REFUSED_BY_SERVICE";
    public static final String RETRY_AGE_EXCEEDED = "RETRY_AGE_EXCEEDED";
    public static final String EXTERNAL_ID_DUPLICATED = "EXTERNAL_ID_DUPLICATED";
    public static final String CONCURRENT_UPDATE = "CONCURRENT_UPDATE";

    /**
     * @param attempt the attempt that failed (1 for the first)
     * @param failingFor how long the document has been failing, counted from its first failure
     * @param retryAfter what the site asked for with its 429, if anything
     */
    public Verdict decide(Cause cause, int attempt, Duration failingFor, Duration retryAfter) {
        return switch (cause) {
            case SITE_REFUSED -> new Verdict.DeadLetter(FIX_AT_SOURCE);
            case SERVICE_REFUSED -> new Verdict.DeadLetter(REFUSED_BY_SERVICE);
            case CONCURRENT_UPDATE -> new Verdict.DeadLetter(CONCURRENT_UPDATE);
            case EXTERNAL_ID_DUPLICATED -> new Verdict.DeadLetter(EXTERNAL_ID_DUPLICATED);
            // the site's circuit holds the other documents back; this one is due again when the circuit lets it
            case SITE_CREDENTIALS -> siteRetry(failingFor, firstBackoff, Circuit.Failure.CREDENTIALS);
            case SITE_RATE_LIMITED -> siteRetry(failingFor, retryAfter != null ? retryAfter : firstBackoff,
                    Circuit.Failure.RATE_LIMITED);
            case SITE_UNAVAILABLE -> siteRetry(failingFor, firstBackoff, Circuit.Failure.UNAVAILABLE);
            case SERVICE_UNAVAILABLE -> retry(failingFor, Backoff.delay(attempt, firstBackoff, outageBackoff));
            case UNKNOWN -> retry(failingFor, Backoff.delay(attempt, firstBackoff, maxBackoff));
        };
    }

    private Verdict siteRetry(Duration failingFor, Duration delay, Circuit.Failure failure) {
        return tooOld(failingFor) ? new Verdict.DeadLetter(RETRY_AGE_EXCEEDED) : new Verdict.Retry(delay, failure, false);
    }

    private Verdict retry(Duration failingFor, Duration delay) {
        return tooOld(failingFor) ? new Verdict.DeadLetter(RETRY_AGE_EXCEEDED) : new Verdict.Retry(delay, null, true);
    }

    private boolean tooOld(Duration failingFor) {
        return failingFor.compareTo(maxAge) > 0;
    }
}
