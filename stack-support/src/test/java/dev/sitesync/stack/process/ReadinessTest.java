package dev.sitesync.stack.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadinessTest {

    @Test
    void aProcessThatStopsWhileStartingFailsWithItsExitStatusAndTheEndOfItsLog(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("service.log");
        Process process = new ProcessBuilder("sh", "-c",
                "for i in $(seq 1 40); do echo \"line $i\"; done; echo 'Port 12345 seems to be in use'; exit 3")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        process.waitFor();

        assertThatThrownBy(() -> Readiness.await("service", "http://127.0.0.1:1/q/health/ready", process, log,
                Duration.ofMinutes(1)))
                .isInstanceOfSatisfying(Readiness.NotReadyException.class, e -> assertThat(e.timedOut()).isFalse())
                .hasMessageContaining("service stopped while starting (exit status 3)")
                .hasMessageContaining(log.toString())
                .hasMessageContaining("    line 40")
                .hasMessageContaining("    Port 12345 seems to be in use")
                .hasMessageNotContaining("line 20");
    }
}
