package dev.sitesync.worker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.worker.domain.SchemaDrift.Difference;
import dev.sitesync.worker.domain.SchemaDrift.Kind;

class SchemaDriftTest {

    private static final Set<String> SENT = Set.of("item_code", "item_name", "item_group", "description",
            "default_material_request_type");

    @Test
    void aFieldWeSendRemovedIsIncompatibleAndNamed() {
        SchemaDrift drift = between(item(), item().without("description"), SENT);

        assertThat(drift.isCompatible()).isFalse();
        assertThat(drift.incompatible()).extracting(Difference::field, Difference::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("description", Kind.REMOVED));
        assertThat(drift.describe()).isEqualTo("description: removed (was Text Editor); SiteSync sends it");
    }

    @Test
    void aFieldWeDoNotSendRemovedIsOnlyRecorded() {
        SchemaDrift drift = between(item(), item().without("brand"), SENT);

        assertThat(drift.isCompatible()).isTrue();
        assertThat(drift.compatible()).extracting(Difference::kind).containsExactly(Kind.REMOVED);
    }

    @Test
    void aSentFieldRetypedOrItsLinkTargetChangedIsIncompatible() {
        SchemaDrift drift = between(item(), item().with("item_name", "Int", 0, null, null)
                .with("item_group", "Link", 1, null, "Territory"), SENT);

        assertThat(drift.incompatible()).extracting(Difference::field, Difference::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("item_group", Kind.TARGET_CHANGED),
                org.assertj.core.groups.Tuple.tuple("item_name", Kind.RETYPED));
        assertThat(drift.describe()).contains("item_group: Link target changed from Item Group to Territory");
    }

    @Test
    void aNewMandatoryFieldWeDoNotSendIsIncompatibleUnlessItHasADefault() {
        SchemaDrift withoutDefault = between(item(), item().with("warranty", "Data", 1, null, null), SENT);
        SchemaDrift withDefault = between(item(), item().with("warranty", "Data", 1, "none", null), SENT);
        SchemaDrift optional = between(item(), item().with("warranty", "Data", 0, null, null), SENT);

        assertThat(withoutDefault.incompatible()).extracting(Difference::kind).containsExactly(Kind.ADDED_MANDATORY);
        assertThat(withDefault.isCompatible()).isTrue();
        assertThat(optional.isCompatible()).isTrue();
        assertThat(optional.compatible()).extracting(Difference::kind).containsExactly(Kind.ADDED);
    }

    @Test
    void anUnsentFieldMadeMandatoryIsIncompatibleAndASentOneIsNot() {
        SchemaDrift unsent = between(item(), item().with("brand", "Link", 1, null, "Brand"), SENT);
        SchemaDrift sent = between(item(), item().with("item_name", "Data", 1, null, null), SENT);

        assertThat(unsent.incompatible()).extracting(Difference::kind).containsExactly(Kind.MADE_MANDATORY);
        assertThat(sent.isCompatible()).isTrue();
    }

    @Test
    void selectChoicesRemovedFromASentFieldAreIncompatibleAndChoicesAddedAreNot() {
        SchemaDrift removed = between(item(), item().with("default_material_request_type", "Select", 0,
                "Purchase", "Purchase\nManufacture"), SENT);
        SchemaDrift added = between(item(), item().with("default_material_request_type", "Select", 0,
                "Purchase", "Purchase\nMaterial Transfer\nManufacture\nCustomer Provided"), SENT);

        assertThat(removed.describe()).contains("choices removed (Material Transfer)");
        assertThat(added.isCompatible()).isTrue();
        assertThat(added.compatible()).extracting(Difference::kind).containsExactly(Kind.CHOICES_ADDED);
    }

    @Test
    void labelsLayoutAndUnchangedMetaMakeNoDifferenceAndTheSameHash() {
        Meta relabelled = item().with("section_main", "Section Break", 0, null, null);

        SchemaDrift drift = between(item(), relabelled, SENT);

        assertThat(drift.isEmpty()).isTrue();
        assertThat(relabelled.fingerprint().hash()).isEqualTo(item().fingerprint().hash());
        assertThat(item().without("brand").fingerprint().hash()).isNotEqualTo(item().fingerprint().hash());
    }

    private static Meta item() {
        return new Meta().with("item_code", "Data", 1, null, null).with("item_name", "Data", 0, null, null)
                .with("item_group", "Link", 1, null, "Item Group").with("description", "Text Editor", 0, null, null)
                .with("brand", "Link", 0, null, "Brand")
                .with("default_material_request_type", "Select", 0, "Purchase",
                        "Purchase\nMaterial Transfer\nManufacture");
    }

    /** Item's v2 meta, built field by field. */
    private static final class Meta {

        private final ObjectNode meta = JsonNodeFactory.instance.objectNode();

        Meta() {
            meta.putArray("fields");
        }

        Meta with(String name, String type, int reqd, String defaultValue, String options) {
            without(name);
            ObjectNode field = ((ArrayNode) meta.get("fields")).addObject().put("fieldname", name)
                    .put("fieldtype", type).put("reqd", reqd).put("label", name.toUpperCase());
            field.put("default", defaultValue);
            field.put("options", options);
            return this;
        }

        Meta without(String name) {
            ArrayNode fields = (ArrayNode) meta.get("fields");
            for (int i = fields.size() - 1; i >= 0; i--) {
                if (name.equals(fields.get(i).path("fieldname").asText())) {
                    fields.remove(i);
                }
            }
            return this;
        }

        SchemaFingerprint fingerprint() {
            return SchemaFingerprint.from("Item", meta);
        }
    }

    private static SchemaDrift between(Meta baseline, Meta current, Set<String> sent) {
        return SchemaDrift.between(baseline.fingerprint(), current.fingerprint(), sent);
    }
}
