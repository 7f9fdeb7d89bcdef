package dev.sitesync.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceFailureTest {

    @ParameterizedTest(name = "HTTP {0} ({1}) is {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            0   | -                                                 | Connect                         | UNAVAILABLE
            503 | https://sitesync.dev/problems/unavailable         | A dependency is down             | UNAVAILABLE
            401 | https://sitesync.dev/problems/unauthenticated     | Send a valid token               | SIGNED_OUT
            403 | https://sitesync.dev/problems/forbidden           | The token lacks a role           | FORBIDDEN
            404 | https://sitesync.dev/problems/not-found           | Nothing at /ops/v1/readiness; ...| NOT_OFFERED
            404 | -                                                 | -                                | NOT_OFFERED
            404 | https://sitesync.dev/problems/not-found           | Unable to find matching target resource method | NOT_OFFERED
            405 | https://sitesync.dev/problems/method-not-allowed  | Method GET is not allowed        | NOT_OFFERED
            404 | https://sitesync.dev/problems/not-found           | No conflict with this ID.        | REFUSED
            409 | https://sitesync.dev/problems/conflict            | Already resolved by ada          | REFUSED
            400 | https://sitesync.dev/problems/invalid-request     | reason must not be blank         | REFUSED
            200 | -                                                 | Cannot deserialize value         | UNREADABLE
            """)
    void eachAnswerIsOneKindOfFailure(int status, String type, String detail, ServiceFailure.Kind kind) {
        assertThat(new ServiceFailure("The worker of north", status, type, detail).kind()).isEqualTo(kind);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            403 | The worker of north refused: The token lacks a role
            409 | The worker of north refused: Already resolved by ada
            503 | The worker of north is not answering (HTTP 503): Already resolved by ada. Try again in a moment; the runbooks say what to check.
            """)
    void theMessageNamesTheServiceAndKeepsItsOwnWords(int status, String message) {
        String detail = status == 403 ? "The token lacks a role" : "Already resolved by ada";

        assertThat(new ServiceFailure("The worker of north", status, "https://sitesync.dev/problems/x", detail).message())
                .isEqualTo(message);
    }

    @Test
    void anAnswerTheConsoleCannotReadSaysSoAndWhatToUpgrade() {
        ServiceFailure failure = ServiceFailure.unreadable("ownership-service", "Cannot deserialize value of type int");

        assertThat(failure.kind()).isEqualTo(ServiceFailure.Kind.UNREADABLE);
        assertThat(failure.message()).isEqualTo("ownership-service answered in a form this console does not read "
                + "(Cannot deserialize value of type int). The console and the service are of versions that do not "
                + "fit: upgrade the console.");
    }
}
