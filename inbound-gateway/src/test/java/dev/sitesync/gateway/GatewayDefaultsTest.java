package dev.sitesync.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/**
 * The gateway's defaults point where the services listen out of the box: payment callbacks and the guard's routes go
 * to commerce-guard's own port.
 */
class GatewayDefaultsTest {

    @Test
    void paymentsAndTheGuardsRoutesGoToTheGuardsPort() throws IOException {
        Properties gateway = properties(Path.of("src/main/resources/application.properties"));
        Properties guard = properties(Path.of("../commerce-guard/src/main/resources/application.properties"));

        int upstreamPort = URI.create(gateway.getProperty("sitesync.gateway.payments.upstream")).getPort();

        assertThat(upstreamPort).isEqualTo(Integer.parseInt(guard.getProperty("quarkus.http.port")));
    }

    private static Properties properties(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }
}
