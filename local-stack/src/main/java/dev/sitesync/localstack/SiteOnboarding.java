package dev.sitesync.localstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sitesync.stack.postgres.LocalPostgres;

/**
 * Onboards each site through its worker (custom field, webhooks pointing at the gateway, report to
 * ownership-service), then waits for each worker's first poll cycle, which places its checkpoints: changes made after
 * that are captured.
 */
final class SiteOnboarding {

    private final Stack stack;
    private final Progress progress;
    private final OpsApi ops;

    SiteOnboarding(Stack stack, Progress progress) {
        this.stack = stack;
        this.progress = progress;
        this.ops = new OpsApi(stack.issuer());
    }

    void onboardAll(Duration timeout) {
        for (String site : StackSites.CODES) {
            JsonNode report = ops.post(stack.worker(site).url() + "/ops/v1/onboard", "{}", "ops-admin");
            progress.step("Onboarded " + site + ": webhooks created " + report.path("webhooksCreated").size()
                    + ", custom fields created " + report.path("customFieldsCreated").size());
            showReadiness(site, report.path("readiness"));
        }
        for (String site : StackSites.CODES) {
            awaitCheckpoints(site, timeout);
        }
        progress.step("Every worker polls its site (checkpoints placed)");
    }

    /** The site's go-live checklist as onboarding answered it: ready, or each check that is not ok and why. */
    private void showReadiness(String site, JsonNode readiness) {
        progress.step("Go-live check of " + site + ": " + (readiness.path("ready").asBoolean() ? "ready" : "NOT READY"));
        for (JsonNode check : readiness.path("checks")) {
            if (!check.path("ok").asBoolean()) {
                progress.step("  " + check.path("name").asText() + ": " + check.path("detail").asText() + " -> "
                        + check.path("action").asText());
            }
        }
    }

    private void awaitCheckpoints(String site, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (pollCheckpoints(site) < StackFiles.POLLED_DOCTYPES) {
            if (Instant.now().isAfter(deadline)) {
                throw new StackFailure("The worker of " + site + " did not complete a poll cycle within "
                        + timeout.toSeconds() + " s; see " + stack.worker(site).log() + ".");
            }
            Waiting.pause(Duration.ofMillis(500));
        }
    }

    private int pollCheckpoints(String site) {
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(Stack.workerDatabase(site)),
                LocalPostgres.USER, LocalPostgres.PASSWORD);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from checkpoint where capture = 'poll'")) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new StackFailure("Cannot read the checkpoints of " + site + "'s worker: " + e.getMessage());
        }
    }
}
