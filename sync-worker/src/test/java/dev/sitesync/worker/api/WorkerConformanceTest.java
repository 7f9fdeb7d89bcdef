package dev.sitesync.worker.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.sitesync.testsupport.conformance.ServiceConformance;
import dev.sitesync.testsupport.oidc.OidcTestResource;
import dev.sitesync.testsupport.postgres.PostgresTestResource;

/** A sync-worker answers bad input and bad tokens as every service does. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "worker"))
@WithTestResource(value = OidcTestResource.class, scope = TestResourceScope.GLOBAL)
class WorkerConformanceTest extends ServiceConformance {

    @Override
    protected String jsonPath() {
        return "/internal/v1/events";
    }

    @Override
    protected String validBody() {
        return """
                {"site": "central", "doctype": "Item", "name": "CONFORMANCE-1", "modified": "2026-12-01 10:00:00.000000",
                 "bodySha256": "%s"}""".formatted("c".repeat(64));
    }

    @Override
    protected String[] roles() {
        return new String[]{"gateway"};
    }
}
