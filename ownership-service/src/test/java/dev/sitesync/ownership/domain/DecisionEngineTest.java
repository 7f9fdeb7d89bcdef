package dev.sitesync.ownership.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.sitesync.contracts.ownership.DataClass;
import dev.sitesync.contracts.ownership.Decision;
import dev.sitesync.contracts.ownership.Decision.Outcome;
import dev.sitesync.contracts.ownership.Decision.Target;
import dev.sitesync.contracts.ownership.Decision.Withheld;
import dev.sitesync.contracts.ownership.Operation;
import dev.sitesync.contracts.ownership.RefusalReason;
import dev.sitesync.ownership.domain.SiteReport.DoctypeMeta;

/** Every rule of a decision, on the policy the service tests start with (src/test/resources/policy). */
class DecisionEngineTest {

    private static Policy policy;
    private static DecisionEngine engine;

    @BeforeAll
    static void readTestPolicy() throws IOException {
        policy = new PolicyReader().read(Files.readString(Path.of("src/test/resources/policy/test-policy.yaml"))).policy();
        engine = new DecisionEngine(policy, Map.of());
    }

    @Test
    void theOwnersChangeGoesToEveryActiveCompatibleConsumerWithItsFieldPolicy() {
        Decision decision = decide("central", "Item");

        assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW);
        assertThat(decision.dataClass()).isEqualTo(DataClass.MASTER);
        assertThat(decision.owner()).isEqualTo("central");
        assertThat(decision.targets()).containsExactly(
                new Target("north", List.of("valuation_rate"), List.of("item_defaults")),
                new Target("south", List.of(), List.of()));
    }

    @Test
    void aPausedConsumerIsLeftOutAndTheExplanationSaysWhy() {
        Decision decision = engine.decide(request("central", "Item"), true);

        assertThat(decision.withheld())
                .contains(new Withheld("east", RefusalReason.SITE_NOT_ACTIVE, "east is paused, left out"));
        assertThat(decision.explain()).extracting(Decision.Step::rule).containsSubsequence("class", "source", "owner",
                "source schema", "consumer east", "decision");
        assertThat(decision.explain()).anySatisfy(step -> assertThat(step.finding()).contains("east is paused"));
    }

    @Test
    void aConsumerOutsideTheSupportedVersionsIsSchemaBlocked() {
        Decision decision = decide("central", "Item");

        assertThat(decision.withheld()).anySatisfy(withheld -> {
            assertThat(withheld.site()).isEqualTo("legacy");
            assertThat(withheld.reason()).isEqualTo(RefusalReason.SCHEMA_BLOCKED);
            assertThat(withheld.detail()).contains("frappe 14.2.0", ">=15.0 <16");
        });
    }

    @Test
    void aChangeNoConsumerCanTakeIsRefusedAsSchemaBlocked() {
        Decision decision = decide("central", "Price List");

        assertThat(decision.outcome()).isEqualTo(Outcome.REFUSE);
        assertThat(decision.reason()).isEqualTo(RefusalReason.SCHEMA_BLOCKED);
        assertThat(decision.detail()).contains("legacy runs erpnext 14.5.0");
    }

    @Test
    void aSourceOutsideTheSupportedVersionsIsSchemaBlocked() {
        Decision decision = decide("legacy", "Brand");

        assertThat(decision.reason()).isEqualTo(RefusalReason.SCHEMA_BLOCKED);
        assertThat(decision.detail()).contains("legacy runs erpnext 14.5.0", ">=15.0");
    }

    @Test
    void aSiteThatDoesNotOwnTheDoctypeCommitsAnOwnershipViolation() {
        Decision decision = decide("north", "Item");

        assertThat(decision.outcome()).isEqualTo(Outcome.REFUSE);
        assertThat(decision.reason()).isEqualTo(RefusalReason.OWNERSHIP_VIOLATION);
        assertThat(decision.detail()).contains("central owns Item");
        assertThat(decision.targets()).isEmpty();
    }

    @Test
    void aFederatedRecordIsOwnedBySiteItsScopeValueMapsTo() {
        Decision decision = engine.decide(new DecisionRequest("north", "Customer", Map.of("territory", "North"),
                Operation.UPSERT), false);

        assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW);
        assertThat(decision.owner()).isEqualTo("north");
        assertThat(decision.targets()).extracting(Target::site).containsExactly("central", "south");
    }

    @Test
    void aFederatedRecordOfAnotherScopeIsAnOwnershipViolation() {
        Decision decision = engine.decide(new DecisionRequest("south", "Customer", Map.of("territory", "North"),
                Operation.UPSERT), false);

        assertThat(decision.reason()).isEqualTo(RefusalReason.OWNERSHIP_VIOLATION);
        assertThat(decision.owner()).isEqualTo("north");
        assertThat(decision.detail()).contains("north owns Customer with territory 'North'");
    }

    @Test
    void aFederatedRecordWithAnUnmappedOrMissingScopeValueHasNoOwner() {
        Decision unmapped = engine.decide(new DecisionRequest("north", "Customer", Map.of("territory", "West"),
                Operation.UPSERT), false);
        Decision missing = engine.decide(new DecisionRequest("north", "Customer", Map.of(), Operation.UPSERT), false);

        assertThat(unmapped.reason()).isEqualTo(RefusalReason.OWNERSHIP_VIOLATION);
        assertThat(unmapped.detail()).contains("no site owns Customer with territory 'West'");
        assertThat(missing.reason()).isEqualTo(RefusalReason.OWNERSHIP_VIOLATION);
        assertThat(missing.detail()).contains("gives no territory");
    }

    @Test
    void ledgersAreNeverSyncedEvenWhenThePolicyDoesNotListThem() {
        for (String ledger : List.of("GL Entry", "Stock Ledger Entry", "Stock Entry", "Payment Ledger Entry",
                "Journal Entry", "Sales Invoice", "Purchase Invoice", "Bin")) {
            Decision decision = decide("central", ledger);

            assertThat(decision.reason()).as(ledger).isEqualTo(RefusalReason.NEVER_SYNC);
            assertThat(decision.dataClass()).isEqualTo(DataClass.NEVER);
        }
    }

    @Test
    void transactionsAreReferencedNotCopiedByDefaultAndWhenDeclared() {
        for (String transaction : List.of("Sales Order", "Purchase Order", "Quotation")) {
            Decision decision = decide("north", transaction);

            assertThat(decision.reason()).as(transaction).isEqualTo(RefusalReason.REFERENCE_ONLY);
            assertThat(decision.detail()).contains("register a reference");
        }
    }

    @Test
    void anUnclassifiedDoctypeIsUnknown() {
        Decision decision = decide("central", "Warranty Claim");

        assertThat(decision.reason()).isEqualTo(RefusalReason.UNKNOWN_DOCTYPE);
        assertThat(decision.dataClass()).isNull();
    }

    @Test
    void aMasterDoctypeWithoutADomainHasNoOwnerAndIsUnknown() {
        Decision decision = decide("central", "Supplier");

        assertThat(decision.reason()).isEqualTo(RefusalReason.UNKNOWN_DOCTYPE);
        assertThat(decision.detail()).contains("MASTER by default", "no owner");
    }

    @Test
    void aSourceThatIsNotActiveOrNotDeclaredIsRefused() {
        Decision onboarding = decide("west", "UOM");
        Decision paused = decide("east", "Item");
        Decision unknown = decide("atlantis", "Item");

        assertThat(onboarding.reason()).isEqualTo(RefusalReason.SITE_NOT_ACTIVE);
        assertThat(onboarding.detail()).contains("west is onboarding");
        assertThat(paused.reason()).isEqualTo(RefusalReason.SITE_NOT_ACTIVE);
        assertThat(unknown.reason()).isEqualTo(RefusalReason.SITE_NOT_ACTIVE);
        assertThat(unknown.detail()).contains("not in the policy");
    }

    @Test
    void aDeleteFollowsTheSameRulesAsAnUpsert() {
        Decision decision = engine.decide(new DecisionRequest("central", "Item", null, Operation.DELETE), false);

        assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW);
        assertThat(decision.targets()).extracting(Target::site).containsExactly("north", "south");
    }

    @Test
    void onboardedVersionsTakePrecedenceOverDeclaredOnes() {
        DecisionEngine upgraded = new DecisionEngine(policy, Map.of("legacy", new SiteReport("legacy",
                Map.of("frappe", Version.parse("15.1.0"), "erpnext", Version.parse("15.2.0")), Map.of())));

        assertThat(upgraded.decide(request("central", "Item"), false).targets()).extracting(Target::site)
                .containsExactly("north", "south", "legacy");
    }

    @Test
    void aConsumerWithoutTheExternalIdFieldIsSchemaBlocked() {
        DecisionEngine withoutField = new DecisionEngine(policy, Map.of("south", new SiteReport("south",
                Map.of("frappe", Version.parse("15.40.1"), "erpnext", Version.parse("15.35.0")),
                Map.of("Item", new DoctypeMeta("abc123", false)))));

        Decision decision = withoutField.decide(request("central", "Item"), false);

        assertThat(decision.targets()).extracting(Target::site).containsExactly("north");
        assertThat(decision.withheld()).anySatisfy(withheld -> assertThat(withheld.detail())
                .isEqualTo("south's Item has no sitesync_external_id custom field"));
        assertThat(withoutField.schemaProblems("south")).containsKey("Item");
    }

    @Test
    void withoutExplainNoRulePathIsReturned() {
        assertThat(decide("central", "Item").explain()).isNull();
    }

    private static Decision decide(String source, String doctype) {
        return engine.decide(request(source, doctype), false);
    }

    private static DecisionRequest request(String source, String doctype) {
        return new DecisionRequest(source, doctype, Map.of(), Operation.UPSERT);
    }
}
