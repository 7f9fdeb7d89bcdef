package dev.sitesync.worker.audit;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

import dev.sitesync.testsupport.oidc.OidcTestResource;

/**
 * The audit log's tests: the worker on a database of their own, with a history from before the log was partitioned
 * ({@link AuditStackResource}), instead of the module's shared empty one.
 */
public class AuditProfile implements QuarkusTestProfile {

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(AuditStackResource.class), new TestResourceEntry(OidcTestResource.class));
    }
}
