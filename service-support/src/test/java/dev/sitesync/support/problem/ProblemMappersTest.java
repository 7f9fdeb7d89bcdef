package dev.sitesync.support.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import io.quarkus.oidc.OIDCException;

import dev.sitesync.contracts.problem.Problem;
import dev.sitesync.contracts.problem.ProblemType;

class ProblemMappersTest {

    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void aTokenWhoseIssuerIsOutOfReachIsAnOutageNotAnUnexpectedError() {
        Response response = mappers.issuerUnavailable(new OIDCException("OIDC Server is not available"), null);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        Problem problem = (Problem) response.getEntity();
        assertThat(problem.type()).isEqualTo(ProblemType.UNAVAILABLE.uri());
        assertThat(problem.detail()).contains("issuer is out of reach", "retry later");
    }
}
