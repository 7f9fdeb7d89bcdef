package dev.sitesync.worker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.sitesync.worker.domain.ApplyFailurePolicy.Cause;
import dev.sitesync.worker.domain.ApplyFailurePolicy.Verdict;

class ApplyFailurePolicyTest {

    private final ApplyFailurePolicy policy = new ApplyFailurePolicy(Duration.ofSeconds(1), Duration.ofMinutes(5),
            Duration.ofSeconds(30), Duration.ofHours(24));

    /** cause, attempt, failing for (minutes), retry-after (s, -1 none) -> verdict, site circuit, charged, max delay (s) */
    @ParameterizedTest(name = "{0} on attempt {1} after {2} min -> {4}")
    @CsvSource({
            "SITE_UNAVAILABLE,    1,    0, -1, RETRY, UNAVAILABLE,  false,   1",
            "SITE_UNAVAILABLE,   40,  600, -1, RETRY, UNAVAILABLE,  false,   1",
            "SITE_UNAVAILABLE,   90, 1441, -1, RETRY_AGE_EXCEEDED, , , ",
            "SITE_RATE_LIMITED,   1,    0,  5, RETRY, RATE_LIMITED, false,   5",
            "SITE_RATE_LIMITED,   1,    0, -1, RETRY, RATE_LIMITED, false,   1",
            "SITE_CREDENTIALS,    3,   10, -1, RETRY, CREDENTIALS,  false,   1",
            "SERVICE_UNAVAILABLE, 1,    0, -1, RETRY, ,             true,    1",
            "SERVICE_UNAVAILABLE, 12,  60, -1, RETRY, ,             true,   30",
            "SERVICE_UNAVAILABLE, 12, 1500, -1, RETRY_AGE_EXCEEDED, , , ",
            "UNKNOWN,            12,   60, -1, RETRY, ,             true,  300",
            "SITE_REFUSED,        1,    0, -1, FIX_AT_SOURCE, , , ",
            "SERVICE_REFUSED,     1,    0, -1, REFUSED_BY_SERVICE, , , ",
            "CONCURRENT_UPDATE,   1,    0, -1, CONCURRENT_UPDATE, , , ",
            "EXTERNAL_ID_DUPLICATED, 1, 0, -1, EXTERNAL_ID_DUPLICATED, , , "})
    void failuresAreWaitedOutUntilTheRetryAgeAndRefusalsGoToAnOperator(Cause cause, int attempt, long minutes,
            long retryAfter, String expected, Circuit.Failure siteFailure, Boolean charged, Long maxDelay) {
        Verdict verdict = policy.decide(cause, attempt, Duration.ofMinutes(minutes),
                retryAfter < 0 ? null : Duration.ofSeconds(retryAfter));

        if ("RETRY".equals(expected)) {
            assertThat(verdict).isInstanceOfSatisfying(Verdict.Retry.class, retry -> {
                assertThat(retry.siteFailure()).isEqualTo(siteFailure);
                assertThat(retry.charged()).isEqualTo(charged);
                assertThat(retry.delay()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(maxDelay));
            });
        } else {
            assertThat(verdict).isEqualTo(new Verdict.DeadLetter(expected));
        }
    }
}
