package dev.sitesync.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The database itself refuses to change identities and links, whoever asks, through raw SQL too. */
@QuarkusTest
class ImmutabilityTest extends IdentityApiTest {

    @Test
    void identitiesCannotBeUpdatedOrDeleted() throws SQLException {
        String id = assign(unique("Imm"));

        assertRefused("update identity set doctype = 'Customer' where external_id = '" + id + "'");
        assertRefused("delete from identity where external_id = '" + id + "'");
        assertRefused("truncate identity cascade");
        assertThat(count("select count(*) from identity where external_id = '" + id + "'")).isEqualTo(1);
    }

    @Test
    void linksCannotBeUpdatedOrDeleted() throws SQLException {
        String id = assign(unique("Imm"));

        assertRefused("update identity_link set local_name = 'other' where external_id = '" + id + "'");
        assertRefused("delete from identity_link where external_id = '" + id + "'");
        assertRefused("truncate identity_link");
        assertThat(count("select count(*) from identity_link where external_id = '" + id + "'")).isEqualTo(1);
    }

    private void assertRefused(String sql) {
        assertThatThrownBy(() -> {
            try (Connection connection = sql(); Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("immutable");
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = sql();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String assign(String name) {
        return asWorker().body(Map.of("items", List.of(item("central", "Item", name)), "assign", true))
                .when().post("/api/v1/identities/resolve")
                .then().statusCode(200).extract().path("results[0].externalId");
    }
}
