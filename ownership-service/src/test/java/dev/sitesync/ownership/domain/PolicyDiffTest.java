package dev.sitesync.ownership.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sitesync.ownership.domain.PolicyDiff.Change;
import dev.sitesync.ownership.domain.PolicyDiff.Kind;

class PolicyDiffTest {

    private static final PolicyReader READER = new PolicyReader();

    private static final String SITES = """
            sites:
              - {code: central, name: Central, baseUrl: "http://central.test", status: active}
              - {code: north, name: North, baseUrl: "http://north.test", status: active}
            """;

    @Test
    void changesAreNamedByCodeAndDoctypeNotByPosition() {
        List<Change> changes = PolicyDiff.between(
                tree(SITES
                        + """
                                domains:
                                  - {doctype: Brand, class: MASTER, owner: central, businessOwner: Sales, technicalOwner: ERP team, escalation: On-call}
                                  - {doctype: Item, class: MASTER, owner: central, consumers: [{site: north}], businessOwner: Sales, technicalOwner: ERP team, escalation: On-call}
                                """),
                tree(SITES.replace("North, baseUrl", "North branch, baseUrl")
                        + """
                                domains:
                                  - {doctype: Item, class: MASTER, owner: north, businessOwner: Sales, technicalOwner: ERP team, escalation: On-call}
                                  - {doctype: UOM, class: MASTER, owner: central, businessOwner: Sales, technicalOwner: ERP team, escalation: On-call}
                                transfers: [{doctype: Item, from: central, to: north}]
                                """));

        assertThat(changes).extracting(change -> change.path() + " " + change.kind()).containsExactly(
                "sites[north].name CHANGED",
                "domains[Brand] REMOVED",
                "domains[Item].owner CHANGED",
                "domains[Item].consumers REMOVED",
                "domains[UOM] ADDED",
                "transfers ADDED");
        Change owner = changes.get(2);
        assertThat(owner.before().asText()).isEqualTo("central");
        assertThat(owner.after().asText()).isEqualTo("north");
    }

    @Test
    void theFirstRevisionAddsEverything() {
        assertThat(PolicyDiff.between(null, tree(SITES + "domains: []\n"))).singleElement()
                .satisfies(change -> assertThat(change.kind()).isEqualTo(Kind.ADDED));
    }

    @Test
    void anIdenticalDocumentHasNoChangesWhateverItsLayout() {
        assertThat(PolicyDiff.between(tree(SITES + "domains: []\n"), tree("\n\n" + SITES + "domains: []  # none yet\n")))
                .isEmpty();
    }

    private static com.fasterxml.jackson.databind.JsonNode tree(String yaml) {
        return READER.read(yaml).tree();
    }
}
