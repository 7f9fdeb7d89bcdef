package dev.sitesync.frappe.sim.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.sitesync.frappe.sim.engine.WriteAnswer;
import dev.sitesync.frappe.sim.engine.WriteKind;

class WriteRuleTest {

    private static WriteRule rule(String doctype, String operation, long holdMs, String answer, long delayMs) {
        return new WriteRule(doctype, operation, null, null, holdMs, answer, delayMs, null, null);
    }

    @Test
    void aRuleNamingADoctypeAndOperationPicksOnlyThoseWrites() {
        WriteRule rule = rule("Item", "insert", 0, "dropped", 0);

        assertThat(rule.matches("Item", WriteKind.INSERT)).isTrue();
        assertThat(rule.matches("Item", WriteKind.UPDATE)).isFalse();
        assertThat(rule.matches("Customer", WriteKind.INSERT)).isFalse();
    }

    @Test
    void aRuleWithoutDoctypeOrOperationPicksEveryWrite() {
        WriteRule rule = rule(null, null, 500, null, 0);

        assertThat(rule.matches("Customer", WriteKind.DELETE)).isTrue();
        assertThat(rule.fault().holdCommit()).isEqualTo(Duration.ofMillis(500));
        assertThat(rule.fault().answer()).isEqualTo(WriteAnswer.ANSWERED);
    }

    @Test
    void anOperationMayBeNamedByItsHttpMethod() {
        assertThat(rule("Item", "PUT", 0, "late", 100).matches("Item", WriteKind.UPDATE)).isTrue();
        assertThat(rule("Item", "PATCH", 0, "late", 100).matches("Item", WriteKind.UPDATE)).isTrue();
        assertThat(rule("Item", "POST", 0, "late", 100).matches("Item", WriteKind.INSERT)).isTrue();
    }

    @Test
    void aRuleWithAnErrorStatusFailsTheWriteInsteadOfCommittingIt() {
        WriteRule rule = new WriteRule("Payment Entry", "POST", 1, null, 0, null, 0, 503, null);

        assertThat(rule.fault().errorStatus()).isEqualTo(503);
        assertThat(rule.fault().withholdsAnswer()).isFalse();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new WriteRule("Item", null, null, null, 0, null, 0, 502, null))
                .withMessageContaining("500 or 503");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new WriteRule("Item", null, null, null, 1000, null, 0, 503, null))
                .withMessageContaining("no commit to hold");
    }

    @Test
    void aRuleThatCannotWorkIsRefusedWithWhatToGive() {
        assertThatIllegalArgumentException().isThrownBy(() -> rule("Item", "rename", 0, "dropped", 0))
                .withMessageContaining("insert, update or delete");
        assertThatIllegalArgumentException().isThrownBy(() -> rule("Item", null, 0, "late", 0))
                .withMessageContaining("answer_delay_ms");
        assertThatIllegalArgumentException().isThrownBy(() -> rule("Item", null, 0, "lost", 0))
                .withMessageContaining("answered, dropped or late");
        assertThatIllegalArgumentException().isThrownBy(() -> rule("Item", null, 0, null, 0))
                .withMessageContaining("does nothing");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new WriteRule("Item", null, 0, null, 0, "dropped", 0, null, null))
                .withMessageContaining("times is 1 or more");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new WriteRule("Item", null, null, 1.5, 0, "dropped", 0, null, null))
                .withMessageContaining("rate");
    }
}
