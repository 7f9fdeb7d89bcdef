package dev.sitesync.ownership.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.sitesync.ownership.OwnershipApiTest;
import dev.sitesync.ownership.domain.InvalidPolicyException;

/** The policy file is applied when it changed since it was last applied, and only then (same file again: nothing). */
@QuarkusTest
class PolicyFileLoaderTest extends OwnershipApiTest {

    @Inject
    PolicyFileLoader loader;

    @Test
    void aChangedFileIsAppliedOnceAsTheNextRevision() throws IOException {
        Path file = Files.createTempFile("policy", ".yaml");
        Files.writeString(file, changedPolicy(policy -> add(policy, "domains",
                "{doctype: " + unique("Filed")
                        + ", class: MASTER, owner: central, businessOwner: Sales, technicalOwner: ERP team, escalation: On-call}")));
        int before = version(currentETag());

        loader.load(file);
        loader.load(file);

        assertThat(version(currentETag())).isEqualTo(before + 1);
        asAdmin().when().get("/api/v1/policy/revisions/" + (before + 1)).then().statusCode(200)
                .body("author", equalTo("policy-file")).body("reason", containsString("changed"));
    }

    @Test
    void anInvalidFileIsRefusedWithItsLine() throws IOException {
        Path file = Files.createTempFile("policy", ".yaml");
        Files.writeString(file, "sites:\n  - code: Central\n");

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("line 2");
    }
}
