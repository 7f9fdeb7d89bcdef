package dev.sitesync.ownership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Revisions form a complete, gapless, immutable history, whatever concurrent writers or raw SQL attempt. */
@QuarkusTest
class RevisionIntegrityTest extends OwnershipApiTest {

    @Test
    void ofTwoConcurrentUpdatesOfTheSameVersionExactlyOneWinsAndTheOtherIsPreconditionFailed() throws Exception {
        for (int round = 0; round < 5; round++) {
            String etag = currentETag();
            String first = changedPolicy(
                    policy -> add(policy, "domains", "{doctype: " + unique("Race")
                            + ", class: MASTER, owner: central, businessOwner: Sales, technicalOwner: ERP team, escalation: On-call}"));
            String second = changedPolicy(
                    policy -> add(policy, "domains", "{doctype: " + unique("Race")
                            + ", class: MASTER, owner: north, businessOwner: Sales, technicalOwner: ERP team, escalation: On-call}"));
            CountDownLatch start = new CountDownLatch(1);

            List<CompletableFuture<Integer>> updates = new ArrayList<>();
            for (String document : List.of(first, second)) {
                updates.add(CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(start);
                    return putPolicy(document, "concurrent update", etag).statusCode();
                }));
            }
            start.countDown();

            assertThat(updates.stream().map(CompletableFuture::join).toList()).containsExactlyInAnyOrder(200, 412);
            assertThat(version(currentETag())).isEqualTo(version(etag) + 1);
        }
    }

    @Test
    void revisionsAreNumberedWithoutGapsAndEachNamesItsAuthorAndReason() throws SQLException {
        applyChange(policy -> add(policy, "domains", "{doctype: " + unique("Gapless")
                + ", class: MASTER, owner: central, businessOwner: Sales, technicalOwner: ERP team, escalation: On-call}"),
                "one more revision");

        try (Connection connection = sql();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        select count(*), max(version), count(*) filter (where author = '' or reason = '' or diff is null)
                        from policy_revision""")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(rows.getLong(2));
            assertThat(rows.getLong(3)).isZero();
        }
    }

    @Test
    void revisionsCannotBeUpdatedDeletedOrTruncated() throws SQLException {
        assertRefused("update policy_revision set reason = 'rewritten' where version = 1");
        assertRefused("delete from policy_revision where version = 1");
        assertRefused("truncate policy_revision");

        try (Connection connection = sql();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select reason from policy_revision where version = 1")) {
            rows.next();
            assertThat(rows.getString(1)).startsWith("initial policy");
        }
    }

    private void assertRefused(String sql) {
        assertThatThrownBy(() -> {
            try (Connection connection = sql(); Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("immutable");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
