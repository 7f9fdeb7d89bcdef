package dev.sitesync.worker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class CircuitTest {

    private static final Circuit.Policy POLICY = new Circuit.Policy(Duration.ofSeconds(30), 5, 0.5, Duration.ofSeconds(5),
            Duration.ofSeconds(60), Duration.ofSeconds(60));
    private final Instant start = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void opensOnceFailuresReachTheRateOverTheMinimumCallsAndProbesAfterAWhile() {
        Circuit circuit = Circuit.closed("site", start);
        for (int i = 0; i < 4; i++) {
            circuit = circuit.failed(Circuit.Failure.UNAVAILABLE, null, "503", start.plusSeconds(i), POLICY);
        }
        assertThat(circuit.isClosed()).as("four calls are fewer than the minimum").isTrue();

        circuit = circuit.failed(Circuit.Failure.UNAVAILABLE, null, "503", start.plusSeconds(4), POLICY);

        assertThat(circuit.state()).isEqualTo(Circuit.State.OPEN);
        assertThat(circuit.probeDue(start.plusSeconds(5))).isFalse();
        assertThat(circuit.probeDue(circuit.nextProbeAt())).isTrue();
    }

    @Test
    void successesInTheWindowKeepItClosedBelowTheRate() {
        Circuit circuit = Circuit.closed("site", start);
        for (int i = 0; i < 10; i++) {
            circuit = circuit.counted(start.plusSeconds(i), POLICY);
            circuit = i % 3 == 0
                    ? circuit.failed(Circuit.Failure.UNAVAILABLE, null, "timeout", start.plusSeconds(i),
                            POLICY)
                    : circuit;
        }

        assertThat(circuit.isClosed()).isTrue();
    }

    @Test
    void failuresOfAnEarlierWindowAreForgotten() {
        Circuit circuit = Circuit.closed("site", start);
        for (int i = 0; i < 4; i++) {
            circuit = circuit.failed(Circuit.Failure.UNAVAILABLE, null, "503", start, POLICY);
        }

        circuit = circuit.failed(Circuit.Failure.UNAVAILABLE, null, "503", start.plus(Duration.ofMinutes(5)), POLICY);

        assertThat(circuit.isClosed()).isTrue();
        assertThat(circuit.failures()).isEqualTo(1);
    }

    @Test
    void refusedCredentialsOpenAtOnceAndAreProbedOncePerInterval() {
        Circuit circuit = Circuit.closed("site", start).failed(Circuit.Failure.CREDENTIALS, null, "401", start, POLICY);

        assertThat(circuit.state()).isEqualTo(Circuit.State.OPEN);
        assertThat(circuit.nextProbeAt()).isEqualTo(start.plus(POLICY.credentialsProbe()));
    }

    @Test
    void aRateLimitOpensForAsLongAsTheTargetAsked() {
        Circuit circuit = Circuit.closed("site", start)
                .failed(Circuit.Failure.RATE_LIMITED, Duration.ofSeconds(5), "429", start, POLICY);

        assertThat(circuit.state()).isEqualTo(Circuit.State.OPEN);
        assertThat(circuit.nextProbeAt()).isEqualTo(start.plusSeconds(5));
    }

    @Test
    void aFailedProbeOpensAgainWithALongerWaitAndASucceededOneCloses() {
        Circuit open = Circuit.closed("site", start).failed(Circuit.Failure.CREDENTIALS, null, "401", start, POLICY);
        Circuit probing = open.probing(open.nextProbeAt().plusSeconds(60));

        Circuit again = probing.failed(Circuit.Failure.UNAVAILABLE, null, "refused", open.nextProbeAt(), POLICY);
        Circuit closed = probing.succeeded(open.nextProbeAt());

        assertThat(again.state()).isEqualTo(Circuit.State.OPEN);
        assertThat(again.openings()).isEqualTo(2);
        assertThat(again.openedAt()).isEqualTo(start);
        assertThat(closed.isClosed()).isTrue();
        assertThat(closed.failures()).isZero();
    }
}
