package dev.sitesync.e2e;

import static dev.sitesync.e2e.RunningStack.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.localstack.Stack;
import dev.sitesync.localstack.StackSites;

/**
 * One change is one trace across the services, although the hops between workers are queues: the gateway's access
 * log line of the site's webhook, the owner's log rows that queued the change and each consumer's log row that applied
 * it all name the same W3C trace ID.
 */
@ExtendWith(SharedStack.class)
@Order(3)
class TracingIT {

    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static RunningStack world;

    @BeforeAll
    static void stack() {
        world = SharedStack.get();
    }

    @Test
    void aWebhooksTraceContinuesFromTheGatewayThroughTheOwnerToEachConsumersWrite() throws Exception {
        // the poll leaves rows younger than its overlap to the webhooks: the site's own, queued behind the site's other
        // deliveries, and the same one sent at once here; the first the gateway takes starts the change's trace
        String code = "TRACE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();

        ObjectNode created = world.site(StackSites.CENTRAL).insert("Item", item(code, "Traced")).await()
                .atMost(RunningStack.CALL);
        // taken (202), or the site's own came first with the same bytes (200 duplicate)
        assertThat(world.sendWebhook(StackSites.CENTRAL, "Item", code, created.path("modified").asText()).status())
                .isIn(202, 200);

        for (String consumer : List.of(StackSites.NORTH, StackSites.SOUTH)) {
            await().atMost(PATIENCE).until(() -> !traces(consumer, "APPLIED", code).isEmpty());
        }
        List<String> queued = traces(StackSites.CENTRAL, "QUEUED", code);
        assertThat(queued).as("the owner queued it once per consumer, in one trace").hasSize(2).doesNotContainNull();
        String trace = queued.get(0);
        assertThat(queued).containsOnly(trace);
        assertThat(traces(StackSites.NORTH, "APPLIED", code)).containsExactly(trace);
        assertThat(traces(StackSites.SOUTH, "APPLIED", code)).containsExactly(trace);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(Files.readAllLines(world.stack.service(Stack.GATEWAY).log()))
                .as("the gateway's access log line of the webhook").anySatisfy(line -> assertThat(line)
                        .contains("path=/hooks/central").contains("status=202").contains("traceId=" + trace)));
    }

    /** The trace IDs of a worker's log rows of one status for one document, in log order. */
    private static List<String> traces(String site, String status, String localName) throws SQLException {
        try (Connection connection = world.sql(Stack.workerDatabase(site));
                PreparedStatement query = connection.prepareStatement(
                        "select trace_id from sync_log where status = ? and local_name = ? order by id")) {
            query.setString(1, status);
            query.setString(2, localName);
            List<String> traces = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    traces.add(rows.getString(1));
                }
            }
            return traces;
        }
    }
}
