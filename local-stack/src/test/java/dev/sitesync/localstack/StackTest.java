package dev.sitesync.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sitesync.stack.process.Ports;

/** The launcher's own checks; the whole stack starting and working is proved by the e2e module. */
class StackTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path state;

    @Test
    void aPortInUseIsReportedInOneLineAndNothingIsLeftRunning() throws Exception {
        StackOptions options = StackOptions.forTests(ROOT, state);

        try (ServerSocket taken = new ServerSocket(options.ports().identity(), 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> Stack.start(options, new Progress()))
                    .isInstanceOf(StackFailure.class)
                    .hasMessageContaining("Port " + options.ports().identity() + " for identity-service is in use");
        }
        assertThat(Ports.isFree(options.ports().postgres())).isTrue();
    }

    @Test
    void anUnknownOptionIsExplained() {
        assertThatThrownBy(() -> StackOptions.parse(new String[]{"--frsh"}, ROOT))
                .isInstanceOf(StackFailure.class).hasMessageContaining("--frsh").hasMessageContaining("--help");
    }

    @Test
    void theScenarioOnlyOptionRunsTheScenarioAndExits() {
        StackOptions options = StackOptions.parse(new String[]{"--scenario-only", "--fresh"}, ROOT);

        assertThat(options.scenarioOnly()).isTrue();
        assertThat(options.fresh()).isTrue();
        assertThat(options.ports().gateway()).isEqualTo(8080);
    }

    @Test
    void anExternalIssuerWithoutItsClientSecretsIsRefusedNamingThem() {
        assertThatThrownBy(() -> ExternalIssuer.fromEnvironment(Map.of("SITESYNC_OIDC_ISSUER", "https://id.example/realms/x",
                "SITESYNC_SECRET_WORKER_NORTH", "s")))
                .isInstanceOf(StackFailure.class)
                .hasMessageContaining("SITESYNC_SECRET_WORKER_CENTRAL").hasMessageNotContaining("WORKER_NORTH,");
    }

    @Test
    void noExternalIssuerMeansKeycloak() {
        assertThat(ExternalIssuer.fromEnvironment(Map.of())).isEmpty();
    }
}
