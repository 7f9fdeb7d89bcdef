package dev.sitesync.worker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class SyncPolicyTest {

    private static final String POLICY = """
            {"domains":[
              {"doctype":"Item","class":"MASTER","owner":"central"},
              {"doctype":"Customer","class":"MASTER","federated":{"field":"territory","owners":{"North":"north","South":"south"}}},
              {"doctype":"Sales Order","class":"REFERENCE_ONLY"},
              {"doctype":"GL Entry","class":"NEVER"}]}""";

    @Test
    void aSiteOwnsItsMastersAndItsShareOfFederatedOnes() throws Exception {
        SyncPolicy policy = SyncPolicy.fromJson(3, new ObjectMapper().readTree(POLICY));

        assertThat(policy.ownedMasters("central")).containsExactly("Item");
        assertThat(policy.ownedMasters("north")).containsExactly("Customer");
        assertThat(policy.scopeField("Customer")).contains("territory");
        assertThat(policy.isOwnedMaster("central", "Item")).isTrue();
        assertThat(policy.isOwnedMaster("north", "Item")).isFalse();
    }

    @Test
    void mastersAndReferencesAreCapturedLedgersAndUnknownDoctypesAreNot() throws Exception {
        SyncPolicy policy = SyncPolicy.fromJson(3, new ObjectMapper().readTree(POLICY));

        assertThat(policy.isCaptured("Item")).isTrue();
        assertThat(policy.isCaptured("Sales Order")).isTrue();
        assertThat(policy.isCaptured("GL Entry")).isFalse();
        assertThat(policy.isCaptured("Widget")).isFalse();
        assertThat(policy.referenceOnly()).containsExactly("Sales Order");
    }
}
