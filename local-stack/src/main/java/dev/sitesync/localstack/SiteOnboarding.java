package dev.sitesync.localstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.testsupport.postgres.LocalPostgres;

/**
 * Onboards each site through its worker (custom field, webhooks pointing at the gateway, report to
 * ownership-service), then waits for each worker's first poll cycle, which places its checkpoints: changes made after
 * that are captured.
 */
final class SiteOnboarding {

    private static final Duration CALL = Duration.ofSeconds(30);

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
            int completed = sendDoctypeInWebhooks(site);
            if (completed > 0) {
                progress.step("  " + completed + " webhooks of " + site + " now send the doctype, which the gateway "
                        + "requires and onboarding leaves out");
            }
        }
        for (String site : StackSites.CODES) {
            awaitCheckpoints(site, timeout);
        }
        progress.step("Every worker polls its site (checkpoints placed)");
    }

    /**
     * The worker's onboarding creates webhooks sending {@code name} and {@code modified} only, while the gateway
     * refuses a webhook body without {@code doctype} (400 invalid-body): every webhook would be lost and only polling
     * would capture. Until onboarding sends it, the stack adds the field to the site's webhooks as an administrator.
     */
    private int sendDoctypeInWebhooks(String site) {
        FrappeClient admin = stack.sites().admin(site);
        int completed = 0;
        for (ObjectNode row : admin.list(ListQuery.of("Webhook").fields("name")
                .where(Filter.eq("request_url", stack.gatewayUrl() + "/hooks/" + site)).unlimited())
                .await().atMost(CALL)) {
            ObjectNode webhook = admin.get("Webhook", row.path("name").asText()).await().atMost(CALL);
            ArrayNode data = (ArrayNode) webhook.path("webhook_data");
            boolean hasDoctype = false;
            for (JsonNode field : data) {
                hasDoctype |= "doctype".equals(field.path("key").asText());
            }
            if (!hasDoctype) {
                ArrayNode fields = data.deepCopy();
                fields.addObject().put("fieldname", "doctype").put("key", "doctype");
                ObjectNode change = JsonNodeFactory.instance.objectNode();
                change.set("webhook_data", fields);
                admin.update("Webhook", row.path("name").asText(), change).await().atMost(CALL);
                completed++;
            }
        }
        return completed;
    }

    private void awaitCheckpoints(String site, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (pollCheckpoints(site) < StackFiles.POLLED_DOCTYPES) {
            if (Instant.now().isAfter(deadline)) {
                throw new StackFailure("The worker of " + site + " did not complete a poll cycle within "
                        + timeout.toSeconds() + " s; see " + stack.worker(site).log() + ".");
            }
            Readiness.pause(Duration.ofMillis(500));
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
