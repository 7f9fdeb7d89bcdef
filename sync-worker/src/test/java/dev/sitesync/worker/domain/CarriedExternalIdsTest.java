package dev.sitesync.worker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class CarriedExternalIdsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID SYNCED = UUID.fromString("0190a0b0-0000-7000-8000-00000000000a");

    private static ObjectNode document(String name, String externalId) {
        ObjectNode document = JSON.createObjectNode().put("name", name).put("modified", "2026-12-01 10:00:00");
        if (externalId != null) {
            document.put(CarriedExternalIds.FIELD, externalId);
        }
        return document;
    }

    @Test
    void documentsWithoutAnIdOrWithTheirOwnAreAccepted() {
        ObjectNode plain = document("ITEM-1", null);
        ObjectNode blank = document("ITEM-2", "  ");
        ObjectNode synced = document("ITEM-3", SYNCED.toString());

        CarriedExternalIds.Screened screened = CarriedExternalIds.screen("north", List.of(plain, blank, synced),
                Map.of(SYNCED, "ITEM-3"));

        assertThat(screened.accepted()).containsExactly(plain, blank, synced);
        assertThat(screened.carried()).containsExactly(Map.entry(synced, SYNCED));
        assertThat(screened.rejected()).isEmpty();
    }

    @Test
    void aValueThatIsNotAUuidRejectsThatDocumentOnlyAndSaysWhatToDo() {
        ObjectNode typed = document("ITEM-1", "garbage typed by hand");
        ObjectNode fine = document("ITEM-2", null);

        CarriedExternalIds.Screened screened = CarriedExternalIds.screen("north", List.of(typed, fine), Map.of());

        assertThat(screened.accepted()).containsExactly(fine);
        assertThat(screened.rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.reason()).isEqualTo(DeadLetterReason.MALFORMED_EXTERNAL_ID);
            assertThat(rejected.name()).isEqualTo("ITEM-1");
            assertThat(rejected.detail()).contains("'ITEM-1'", "north", "garbage typed by hand", "not a UUID",
                    "Clear the field");
        });
    }

    @Test
    void aCopyCarryingTheIdOfTheDocumentSiteSyncWroteIsRejectedAndTheOriginalIsNot() {
        ObjectNode original = document("ITEM-1", SYNCED.toString());
        ObjectNode copy = document("ITEM-1-copy", SYNCED.toString());

        CarriedExternalIds.Screened screened = CarriedExternalIds.screen("north", List.of(copy, original),
                Map.of(SYNCED, "ITEM-1"));

        assertThat(screened.accepted()).containsExactly(original);
        assertThat(screened.rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.reason()).isEqualTo(DeadLetterReason.SHARED_EXTERNAL_ID);
            assertThat(rejected.name()).isEqualTo("ITEM-1-copy");
            assertThat(rejected.detail()).contains("'ITEM-1-copy'", SYNCED.toString(), "'ITEM-1'", "Clear the field");
        });
    }

    @Test
    void whenNoDocumentIsKnownToOwnASharedIdEveryCarrierIsRejectedNamingTheOthers() {
        UUID unknown = UUID.fromString("0190a0b0-0000-7000-8000-00000000000b");
        ObjectNode first = document("ITEM-1", unknown.toString());
        ObjectNode second = document("ITEM-2", unknown.toString());
        ObjectNode other = document("ITEM-3", null);

        CarriedExternalIds.Screened screened = CarriedExternalIds.screen("north", List.of(first, second, other), Map.of());

        assertThat(screened.accepted()).containsExactly(other);
        assertThat(screened.rejected()).extracting(CarriedExternalIds.Rejected::name).containsExactly("ITEM-1", "ITEM-2");
        assertThat(screened.rejected().get(0).detail()).contains("'ITEM-2'");
        assertThat(screened.rejected().get(1).detail()).contains("'ITEM-1'");
    }

    @Test
    void aCopyAloneInItsBatchIsStillRejectedWhenSiteSyncKnowsTheOriginal() {
        ObjectNode copy = document("ITEM-9", SYNCED.toString());

        CarriedExternalIds.Screened screened = CarriedExternalIds.screen("north", List.of(copy), Map.of(SYNCED, "ITEM-1"));

        assertThat(screened.accepted()).isEmpty();
        assertThat(screened.rejected()).extracting(CarriedExternalIds.Rejected::reason)
                .containsExactly(DeadLetterReason.SHARED_EXTERNAL_ID);
    }
}
