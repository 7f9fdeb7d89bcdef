package dev.sitesync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each benchmark runs once exactly as a user starts it, {@code bench/run NAME}, with sizes small enough for the build:
 * the classpath, the services it starts and its options must work, and it must print its figures. The figures of
 * these runs mean nothing; the benchmarks measure with their default sizes.
 */
class BenchSmokeIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @ParameterizedTest(name = "bench/run {0}")
    @CsvSource(delimiter = '|', value = {
            "identity  | --seconds 1 --workers 2 --warmup 1                            | identity-service resolve",
            "ownership | --seconds 1 --workers 2 --warmup 1                            | ownership-service decisions",
            "frappe    | --items 40 --concurrency 4 --page 20 --warmup 10              | frappe-sim Item throughput",
            "guard     | --seconds 1 --workers 2 --items 10 --lines 2 --warmup 1       | commerce-guard order checks",
            "gateway   | --seconds 1 --workers 2 --warmup 1                            | inbound-gateway (",
            "sync      | --items 20 --paced 10 --rate 10 --poll 5 --warmup 5 --replicas 1 | sync, 1 owner -> 2 consumers",
            "audit     | --rows 3000 --months 2 --runs 1                               | Audit log verification",
            "console   | --rows 2000 --requests 2 --warmup 1                           | Console pages"})
    void runsToItsFigures(String name, String options, String figuresHeading) throws Exception {
        // at a lower priority: these runs only prove each benchmark works, and the e2e tests run beside them
        List<String> command = new ArrayList<>(List.of("nice", "-n", "10", "bash", "bench/run", name.trim()));
        command.addAll(List.of(options.trim().split("\\s+")));
        Path output = Files.createTempFile("bench-" + name.trim(), ".log");

        Process run = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        boolean ended = run.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
        }

        String printed = read(output);
        assertThat(ended).as("bench/run %s ended within 10 minutes:%n%s", name, printed).isTrue();
        assertThat(run.exitValue()).as("bench/run %s exit status:%n%s", name, printed).isZero();
        assertThat(printed).as("bench/run %s printed its figures", name).contains(figuresHeading.trim())
                .as("no call of bench/run %s failed", name).doesNotContainPattern("failures [1-9]");
    }

    private static String read(Path output) throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }
}
