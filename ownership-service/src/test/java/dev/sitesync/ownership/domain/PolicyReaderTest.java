package dev.sitesync.ownership.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class PolicyReaderTest {

    private static final PolicyReader READER = new PolicyReader();

    private static final String SITES = """
            sites:
              - code: central
                name: Central
                baseUrl: http://central.test
                status: active
              - code: north
                name: North
                baseUrl: http://north.test
                status: active
            """;

    @Test
    void theShippedExamplePolicyIsValid() throws IOException {
        PolicyDocument document = READER.read(Files.readString(Path.of("src/main/resources/policy/example-policy.yaml")));

        assertThat(document.policy().sites()).extracting(Site::code).containsExactly("central", "north", "south");
        assertThat(document.policy().domain("Item").orElseThrow().ownership()).isEqualTo(new Ownership.SingleOwner("central"));
        assertThat(document.policy().domain("Customer").orElseThrow().ownership())
                .isInstanceOf(Ownership.Federated.class);
    }

    @Test
    void aClassTypoNamesItsLineAndTheAllowedClasses() {
        List<PolicyError> errors = errorsOf(SITES + """
                domains:
                  - doctype: Item
                    class: MASTR
                    owner: central
                """);

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(12);
            assertThat(error.path()).isEqualTo("domains[0].class");
            assertThat(error.message()).contains("'MASTR'", "MASTER", "REFERENCE_ONLY", "NEVER");
        });
    }

    @Test
    void anUnknownSiteNamesItsLineAndTheDeclaredSites() {
        List<PolicyError> errors = errorsOf(SITES + """
                domains:
                  - doctype: Item
                    class: MASTER
                    owner: central
                    consumers: [{site: north}, {site: nowhere}]
                """);

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(14);
            assertThat(error.path()).isEqualTo("domains[0].consumers[1].site");
            assertThat(error.message()).contains("unknown site 'nowhere'", "central", "north");
        });
    }

    @Test
    void aDoctypeDeclaredTwiceHasTwoOwnersAndIsRefused() {
        List<PolicyError> errors = errorsOf(SITES + """
                domains:
                  - doctype: Item
                    class: MASTER
                    owner: central
                  - doctype: Item
                    class: MASTER
                    owner: north
                """);

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(14);
            assertThat(error.message()).contains("declared twice", "lines 11 and 14", "exactly one owner");
        });
    }

    @Test
    void anOwnerAndAFederatedRuleAreTwoOwners() {
        List<PolicyError> errors = errorsOf(SITES + """
                domains:
                  - doctype: Customer
                    class: MASTER
                    owner: central
                    federated: {field: territory, owners: {North: north}}
                """);

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(14);
            assertThat(error.message()).contains("two owners");
        });
    }

    @Test
    void aRepeatedOwnerKeyIsRefusedAtItsLine() {
        List<PolicyError> errors = errorsOf(SITES + """
                domains:
                  - doctype: Item
                    class: MASTER
                    owner: central
                    owner: north
                """);

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(14);
            assertThat(error.message()).contains("not valid YAML", "owner");
        });
    }

    @Test
    void anUnknownKeyIsRefusedAtItsOwnLine() {
        List<PolicyError> errors = errorsOf(SITES + """
                domains:
                  - doctype: Item
                    class: MASTER
                    owner: central
                    consumerz: [{site: north}]
                """);

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(14);
            assertThat(error.message()).contains("consumerz");
        });
    }

    @Test
    void brokenYamlNamesItsLine() {
        List<PolicyError> errors = errorsOf(SITES + """
                domains:
                  - doctype: Item
                    class: [MASTER
                """);

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.line()).isGreaterThanOrEqualTo(12);
            assertThat(error.message()).startsWith("not valid YAML");
        });
    }

    @Test
    void anEmptyDocumentIsRefused() {
        assertThat(errorsOf("# nothing\n")).singleElement()
                .satisfies(error -> assertThat(error.message()).contains("empty"));
    }

    @Test
    void ledgersCannotBeMadeMasterNorTransactionsCopied() {
        List<PolicyError> errors = errorsOf(SITES + """
                domains:
                  - doctype: GL Entry
                    class: MASTER
                    owner: central
                  - doctype: Sales Order
                    class: MASTER
                    owner: central
                  - doctype: Item
                    class: NEVER
                """);

        assertThat(errors).extracting(PolicyError::line).containsExactly(12, 15);
        assertThat(errors.get(0).message()).contains("GL Entry is NEVER by rule");
        assertThat(errors.get(1).message()).contains("Sales Order is REFERENCE_ONLY by rule");
    }

    @Test
    void aMasterDoctypeNeedsAnOwner() {
        assertThat(errorsOf(SITES + """
                domains:
                  - doctype: Item
                    class: MASTER
                """)).singleElement().satisfies(error -> assertThat(error.message()).contains("needs an owner"));
    }

    @Test
    void aDoctypeThatIsNeverCopiedHasNoConsumers() {
        assertThat(errorsOf(SITES + """
                domains:
                  - doctype: Quotation
                    class: REFERENCE_ONLY
                    consumers: [{site: north}]
                """)).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(13);
            assertThat(error.message()).contains("never copied");
        });
    }

    @Test
    void anOwnerCannotConsumeItsOwnDoctype() {
        assertThat(errorsOf(SITES + """
                domains:
                  - doctype: Item
                    class: MASTER
                    owner: central
                    consumers: [{site: central}]
                """)).singleElement().satisfies(error -> assertThat(error.message()).contains("cannot consume"));
    }

    @Test
    void scheduledCaptureNeedsACronWindow() {
        assertThat(errorsOf(SITES + """
                domains:
                  - doctype: Item
                    class: MASTER
                    owner: central
                    capture: {mode: scheduled}
                """)).singleElement().satisfies(error -> assertThat(error.message()).contains("cron"));
    }

    @Test
    void versionRangesAndWebhookRangesMustParse() {
        List<PolicyError> errors = errorsOf("""
                sites:
                  - code: central
                    name: Central
                    baseUrl: http://central.test
                    status: active
                    webhookCidrs: [10.0.0.0/24, 10.0.0.300/8]
                domains:
                  - doctype: Item
                    class: MASTER
                    owner: central
                    supportedVersions: {frappe: ">=fifteen"}
                """);

        assertThat(errors).extracting(PolicyError::line).containsExactly(6, 11);
    }

    @Test
    void everyErrorIsReportedAtOnceInLineOrder() {
        List<PolicyError> errors = errorsOf(SITES + """
                domains:
                  - doctype: Item
                    class: MASTER
                    owner: nowhere
                  - doctype: Brand
                    class: MASTER
                    owner: central
                    consumers: [{site: elsewhere}]
                """);

        assertThat(errors).extracting(PolicyError::line).containsExactly(13, 17);
    }

    @Test
    void transfersNameDeclaredDoctypesAndTwoDifferentSites() {
        assertThat(errorsOf(SITES + """
                domains:
                  - doctype: Item
                    class: MASTER
                    owner: north
                transfers:
                  - {doctype: Item, from: north, to: north}
                  - {doctype: Brand, from: central, to: north}
                """)).extracting(PolicyError::line).containsExactly(15, 16);
    }

    private static List<PolicyError> errorsOf(String yaml) {
        InvalidPolicyException refused = catchThrowableOfType(InvalidPolicyException.class, () -> READER.read(yaml));
        assertThat(refused).as("the policy should have been refused").isNotNull();
        return refused.errors();
    }
}
