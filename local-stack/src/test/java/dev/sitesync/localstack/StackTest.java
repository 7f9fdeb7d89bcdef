package dev.sitesync.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sitesync.testsupport.process.Ports;

/** Starts the real stack (embedded PostgreSQL, issuer, each service as a child process) the way ./run-stack does. */
class StackTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path state;

    @Test
    void theStackStartsServesAuthenticatedRequestsAndStopsEverything() throws Exception {
        StackOptions options = new StackOptions(ROOT, state, false, false, true, false, Ports.free());

        try (Stack stack = Stack.start(options, new Progress())) {
            String token = Files.readString(stack.tokenDir().resolve("sync-worker.jwt"));
            HttpResponse<String> resolved = HTTP.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:8081/api/v1/identities/resolve"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"items\":[{\"site\":\"central\",\"doctype\":\"Item\",\"localName\":\"SKU-001\"}],\"assign\":true}"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(resolved.statusCode()).isEqualTo(200);
            assertThat(resolved.body()).contains("\"created\":true");
            HttpResponse<String> policy = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8082/api/v1/policy"))
                    .header("Authorization", "Bearer " + Files.readString(stack.tokenDir().resolve("sre.jwt"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(policy.statusCode()).isEqualTo(200);
            assertThat(policy.body()).as("the example policy is applied").contains("central", "Item Price");
            assertThat(stack.summary()).contains("identity-service", "http://127.0.0.1:8081", "ownership-service",
                    "http://127.0.0.1:8082", "Ctrl-C");
        }

        List<String> logLines = Files.readAllLines(state.resolve("logs/identity-service.log"));
        assertThat(logLines).as("--json-logs: one JSON object per line after start-up")
                .anyMatch(line -> line.startsWith("{") && line.contains("\"level\"") && line.contains("\"message\""));

        assertThat(Ports.isFree(8081)).as("identity-service stopped").isTrue();
        assertThat(Ports.isFree(8082)).as("ownership-service stopped").isTrue();
        assertThat(Ports.isFree(options.postgresPort())).as("PostgreSQL stopped").isTrue();
    }

    @Test
    void aPortInUseIsReportedInOneLineAndNothingIsLeftRunning() throws Exception {
        StackOptions options = new StackOptions(ROOT, state, false, false, false, false, Ports.free());

        try (ServerSocket taken = new ServerSocket(8081, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> Stack.start(options, new Progress()))
                    .isInstanceOf(StackFailure.class)
                    .hasMessageContaining("Port 8081 for identity-service is in use");
        }
        assertThat(Ports.isFree(options.postgresPort())).isTrue();
    }

    @Test
    void anUnknownOptionIsExplained() {
        assertThatThrownBy(() -> StackOptions.parse(new String[]{"--frsh"}, ROOT))
                .isInstanceOf(StackFailure.class).hasMessageContaining("--frsh").hasMessageContaining("--help");
    }
}
