package dev.sitesync.ownership.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class OwnershipTransfersTest {

    private static final PolicyReader READER = new PolicyReader();

    private static final String SITES = """
            sites:
              - {code: central, name: Central, baseUrl: "http://central.test", status: active}
              - {code: north, name: North, baseUrl: "http://north.test", status: active}
              - {code: south, name: South, baseUrl: "http://south.test", status: active}
            """;

    private static final Policy CURRENT = READER
            .read(SITES
                    + """
                            domains:
                              - {doctype: Item, class: MASTER, owner: central, businessOwner: Sales, technicalOwner: ERP team, escalation: On-call}
                              - doctype: Customer
                                class: MASTER
                                businessOwner: Sales
                                technicalOwner: ERP team
                                escalation: On-call
                                federated: {field: territory, owners: {North: north, South: south}}
                            """)
            .policy();

    @Test
    void movingADoctypeToAnotherOwnerWithoutATransferIsRefusedAtTheOwnersLine() {
        List<PolicyError> errors = OwnershipTransfers.undeclared(CURRENT, READER.read(
                SITES + """
                        domains:
                          - {doctype: Item, class: MASTER, owner: north, businessOwner: Sales, technicalOwner: ERP team, escalation: On-call}
                        """));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(6);
            assertThat(error.message()).contains("from central to north", "{doctype: Item, from: central, to: north}");
        });
    }

    @Test
    void aTransferNamingTheOldAndNewOwnerAllowsTheMove() {
        assertThat(OwnershipTransfers.undeclared(CURRENT,
                READER.read(
                        SITES + """
                                domains:
                                  - {doctype: Item, class: MASTER, owner: north, businessOwner: Sales, technicalOwner: ERP team, escalation: On-call}
                                transfers:
                                  - {doctype: Item, from: central, to: north, reason: north takes over purchasing}
                                """)))
                .isEmpty();
    }

    @Test
    void aTransferBetweenOtherSitesDoesNotCount() {
        assertThat(OwnershipTransfers.undeclared(CURRENT,
                READER.read(
                        SITES + """
                                domains:
                                  - {doctype: Item, class: MASTER, owner: north, businessOwner: Sales, technicalOwner: ERP team, escalation: On-call}
                                transfers:
                                  - {doctype: Item, from: south, to: north}
                                """)))
                .hasSize(1);
    }

    @Test
    void movingOneScopeOfAFederatedDoctypeNeedsATransferForThatScope() {
        String moved = SITES
                + """
                        domains:
                          - {doctype: Item, class: MASTER, owner: central, businessOwner: Sales, technicalOwner: ERP team, escalation: On-call}
                          - doctype: Customer
                            class: MASTER
                            businessOwner: Sales
                            technicalOwner: ERP team
                            escalation: On-call
                            federated: {field: territory, owners: {North: south, South: south}}
                        """;

        assertThat(OwnershipTransfers.undeclared(CURRENT, READER.read(moved))).singleElement()
                .satisfies(error -> assertThat(error.message()).contains("Customer with scope 'North'", "north to south"));
        assertThat(OwnershipTransfers.undeclared(CURRENT, READER.read(moved + """
                transfers: [{doctype: Customer, scope: North, from: north, to: south}]
                """))).isEmpty();
    }

    @Test
    void newDoctypesAndNewScopeValuesNeedNoTransfer() {
        assertThat(OwnershipTransfers.undeclared(CURRENT,
                READER.read(
                        SITES + """
                                domains:
                                  - {doctype: Item, class: MASTER, owner: central, businessOwner: Sales, technicalOwner: ERP team, escalation: On-call}
                                  - {doctype: Brand, class: MASTER, owner: north, businessOwner: Sales, technicalOwner: ERP team, escalation: On-call}
                                  - doctype: Customer
                                    class: MASTER
                                    businessOwner: Sales
                                    technicalOwner: ERP team
                                    escalation: On-call
                                    federated: {field: territory, owners: {North: north, South: south, West: central}}
                                """)))
                .isEmpty();
    }
}
