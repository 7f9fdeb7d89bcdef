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
                    businessOwner: Sales
                    technicalOwner: ERP team
                    escalation: On-call
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
                    businessOwner: Sales
                    technicalOwner: ERP team
                    escalation: On-call
                    owner: central
                    consumers: [{site: north}, {site: nowhere}]
                """);

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(17);
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
                    businessOwner: Sales
                    technicalOwner: ERP team
                    escalation: On-call
                    owner: central
                  - doctype: Item
                    class: MASTER
                    businessOwner: Sales
                    technicalOwner: ERP team
                    escalation: On-call
                    owner: north
                """);

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(17);
            assertThat(error.message()).contains("declared twice", "lines 11 and 17", "exactly one owner");
        });
    }

    @Test
    void anOwnerAndAFederatedRuleAreTwoOwners() {
        List<PolicyError> errors = errorsOf(SITES + """
                domains:
                  - doctype: Customer
                    class: MASTER
                    businessOwner: Sales
                    technicalOwner: ERP team
                    escalation: On-call
                    owner: central
                    federated: {field: territory, owners: {North: north}}
                """);

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(17);
            assertThat(error.message()).contains("two owners");
        });
    }

    @Test
    void aRepeatedOwnerKeyIsRefusedAtItsLine() {
        List<PolicyError> errors = errorsOf(SITES + """
                domains:
                  - doctype: Item
                    class: MASTER
                    businessOwner: Sales
                    technicalOwner: ERP team
                    escalation: On-call
                    owner: central
                    owner: north
                """);

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(17);
            assertThat(error.message()).contains("not valid YAML", "owner");
        });
    }

    @Test
    void anUnknownKeyIsRefusedAtItsOwnLine() {
        List<PolicyError> errors = errorsOf(SITES + """
                domains:
                  - doctype: Item
                    class: MASTER
                    businessOwner: Sales
                    technicalOwner: ERP team
                    escalation: On-call
                    owner: central
                    consumerz: [{site: north}]
                """);

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(17);
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
                    businessOwner: Sales
                    technicalOwner: ERP team
                    escalation: On-call
                    owner: central
                  - doctype: Sales Order
                    class: MASTER
                    businessOwner: Sales
                    technicalOwner: ERP team
                    escalation: On-call
                    owner: central
                  - doctype: Item
                    class: NEVER
                    businessOwner: Sales
                    technicalOwner: ERP team
                    escalation: On-call
                """);

        assertThat(errors).extracting(PolicyError::line).containsExactly(12, 18);
        assertThat(errors.get(0).message()).contains("GL Entry is NEVER by rule");
        assertThat(errors.get(1).message()).contains("Sales Order is REFERENCE_ONLY by rule");
    }

    @Test
    void aMasterDoctypeNeedsAnOwner() {
        assertThat(errorsOf(SITES + """
                domains:
                  - doctype: Item
                    class: MASTER
                    businessOwner: Sales
                    technicalOwner: ERP team
                    escalation: On-call
                """)).singleElement().satisfies(error -> assertThat(error.message()).contains("needs an owner"));
    }

    @Test
    void aDoctypeThatIsNeverCopiedHasNoConsumers() {
        assertThat(errorsOf(SITES + """
                domains:
                  - doctype: Quotation
                    class: REFERENCE_ONLY
                    businessOwner: Sales
                    technicalOwner: ERP team
                    escalation: On-call
                    consumers: [{site: north}]
                """)).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(16);
            assertThat(error.message()).contains("never copied");
        });
    }

    @Test
    void anOwnerCannotConsumeItsOwnDoctype() {
        assertThat(errorsOf(SITES + """
                domains:
                  - doctype: Item
                    class: MASTER
                    businessOwner: Sales
                    technicalOwner: ERP team
                    escalation: On-call
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
                    businessOwner: Sales
                    technicalOwner: ERP team
                    escalation: On-call
                    owner: central
                    capture: {mode: scheduled}
                """)).singleElement().satisfies(error -> assertThat(error.message()).contains("cron"));
    }

    @Test
    void aScheduledCapturesCronMustBeQuartzCron() {
        assertThat(errorsOf(SITES + """
                domains:
                  - doctype: Item
                    class: MASTER
                    businessOwner: Sales
                    technicalOwner: ERP team
                    escalation: On-call
                    owner: central
                    capture: {mode: scheduled, cron: "every night"}
                """)).singleElement().satisfies(error -> assertThat(error.message()).contains("not a Quartz cron"));
        assertThat(READER.read(SITES + """
                domains:
                  - doctype: Item
                    class: MASTER
                    businessOwner: Sales
                    technicalOwner: ERP team
                    escalation: On-call
                    owner: central
                    capture: {mode: scheduled, cron: "0 */15 1-5 * * ?"}
                """)).isNotNull();
    }

    @Test
    void aDomainWithoutItsNamedOwnersIsRefusedWithWhatIsMissing() {
        List<PolicyError> errors = errorsOf(SITES + """
                domains:
                  - doctype: Item
                    class: MASTER
                    businessOwner: Head of purchasing
                    owner: central
                  - doctype: GL Entry
                    class: NEVER
                    businessOwner: Finance
                    technicalOwner: ERP team
                    escalation: " "
                """);

        assertThat(errors).extracting(PolicyError::path).containsExactly("domains[0]", "domains[1]");
        assertThat(errors.get(0).line()).isEqualTo(11);
        assertThat(errors.get(0).message()).contains("Item names no technicalOwner, escalation", "add them");
        assertThat(errors.get(1).message()).contains("GL Entry names no escalation");
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
                    businessOwner: Sales
                    technicalOwner: ERP team
                    escalation: On-call
                    owner: central
                    supportedVersions: {frappe: ">=fifteen"}
                """);

        assertThat(errors).extracting(PolicyError::line).containsExactly(6, 14);
    }

    @Test
    void everyErrorIsReportedAtOnceInLineOrder() {
        List<PolicyError> errors = errorsOf(SITES + """
                domains:
                  - doctype: Item
                    class: MASTER
                    businessOwner: Sales
                    technicalOwner: ERP team
                    escalation: On-call
                    owner: nowhere
                  - doctype: Brand
                    class: MASTER
                    businessOwner: Sales
                    technicalOwner: ERP team
                    escalation: On-call
                    owner: central
                    consumers: [{site: elsewhere}]
                """);

        assertThat(errors).extracting(PolicyError::line).containsExactly(16, 23);
    }

    @Test
    void transfersNameDeclaredDoctypesAndTwoDifferentSites() {
        assertThat(errorsOf(SITES + """
                domains:
                  - doctype: Item
                    class: MASTER
                    businessOwner: Sales
                    technicalOwner: ERP team
                    escalation: On-call
                    owner: north
                transfers:
                  - {doctype: Item, from: north, to: north}
                  - {doctype: Brand, from: central, to: north}
                """)).extracting(PolicyError::line).containsExactly(18, 19);
    }

    private static List<PolicyError> errorsOf(String yaml) {
        InvalidPolicyException refused = catchThrowableOfType(InvalidPolicyException.class, () -> READER.read(yaml));
        assertThat(refused).as("the policy should have been refused").isNotNull();
        return refused.errors();
    }
}
