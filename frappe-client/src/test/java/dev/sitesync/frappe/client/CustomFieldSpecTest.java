package dev.sitesync.frappe.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

class CustomFieldSpecTest {

    private static final CustomFieldSpec PROTECTED = CustomFieldSpec.protectedData("Item", "sitesync_external_id",
            "SiteSync External ID");

    private static ObjectNode existing(int readOnly, int unique, int noCopy) {
        return JsonNodeFactory.instance.objectNode().put("name", "Item-sitesync_external_id").put("read_only", readOnly)
                .put("unique", unique).put("no_copy", noCopy);
    }

    @Test
    void aProtectedFieldIsCreatedReadOnlyUniqueAndNotCopied() {
        ObjectNode document = PROTECTED.toDocument();

        assertThat(document.path("dt").asText()).isEqualTo("Item");
        assertThat(document.path("fieldtype").asText()).isEqualTo("Data");
        assertThat(document.path("read_only").asInt()).isEqualTo(1);
        assertThat(document.path("unique").asInt()).isEqualTo(1);
        assertThat(document.path("no_copy").asInt()).isEqualTo(1);
    }

    @Test
    void anOrdinaryFieldIsCreatedWithoutProtection() {
        ObjectNode document = CustomFieldSpec.data("Item", "note", "Note").toDocument();

        assertThat(document.path("read_only").asInt()).isZero();
        assertThat(document.path("unique").asInt()).isZero();
        assertThat(document.path("no_copy").asInt()).isZero();
    }

    @Test
    void anExistingFieldGetsOnlyTheProtectionItLacks() {
        assertThat(PROTECTED.repairOf(existing(0, 0, 0))).isEqualTo(JsonNodeFactory.instance.objectNode()
                .put("read_only", 1).put("unique", 1).put("no_copy", 1));
        assertThat(PROTECTED.repairOf(existing(1, 0, 1))).isEqualTo(JsonNodeFactory.instance.objectNode().put("unique", 1));
        assertThat(PROTECTED.repairOf(existing(1, 1, 1))).isEmpty();
    }

    @Test
    void protectionIsNeverTakenAwayFromAStricterField() {
        assertThat(CustomFieldSpec.data("Item", "note", "Note").repairOf(existing(1, 1, 1))).isEmpty();
    }
}
