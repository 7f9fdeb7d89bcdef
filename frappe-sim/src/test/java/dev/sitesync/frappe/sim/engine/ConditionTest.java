package dev.sitesync.frappe.sim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ConditionTest {

    private final JsonNode order = read("{\"status\":\"Draft\",\"grand_total\":1180.0,\"disabled\":0,"
            + "\"customer\":\"Acme and Sons\"}");

    private static JsonNode read(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void comparisonsWithLiteralsAreEvaluatedAsPythonWould() {
        assertThat(Condition.parse("doc.status == \"Draft\"").matches(order)).isTrue();
        assertThat(Condition.parse("doc.status != 'Draft'").matches(order)).isFalse();
        assertThat(Condition.parse("doc.grand_total > 1000").matches(order)).isTrue();
        assertThat(Condition.parse("doc.grand_total <= 1000").matches(order)).isFalse();
        assertThat(Condition.parse("doc.disabled == 0").matches(order)).isTrue();
        assertThat(Condition.parse("doc.disabled == '0'").matches(order)).as("a number never equals a string")
                .isFalse();
        assertThat(Condition.parse("doc.brand == None").matches(order)).isTrue();
    }

    @Test
    void andBindsTighterThanOrAndQuotedKeywordsAreText() {
        assertThat(Condition.parse("doc.status == 'Closed' or doc.disabled == 0 and doc.grand_total > 1000")
                .matches(order)).isTrue();
        assertThat(Condition.parse("doc.customer == 'Acme and Sons'").matches(order)).isTrue();
        assertThat(Condition.parse("not doc.disabled and doc.status").matches(order)).isTrue();
    }

    @Test
    void pythonBeyondTheSubsetIsRefusedAsAnInvalidCondition() {
        assertThatThrownBy(() -> Condition.parse("frappe.db.get_value('Item', doc.item_code, 'disabled')"))
                .isInstanceOfSatisfying(FrappeError.class, e -> {
                    assertThat(e.status()).isEqualTo(417);
                    assertThat(e.getMessage()).startsWith("Invalid Condition");
                });
        assertThatThrownBy(() -> Condition.parse("doc.total == total")).isInstanceOf(FrappeError.class);
    }
}
