package dev.sitesync.ownership;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.sitesync.testsupport.conformance.ServiceConformance;
import dev.sitesync.testsupport.oidc.OidcTestResource;
import dev.sitesync.testsupport.postgres.PostgresTestResource;

/** ownership-service answers bad input and bad tokens as every service does. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "ownership"))
@WithTestResource(value = OidcTestResource.class, scope = TestResourceScope.GLOBAL)
class OwnershipConformanceTest extends ServiceConformance {

    @Override
    protected String jsonPath() {
        return "/api/v1/decisions";
    }

    @Override
    protected String validBody() {
        return """
                {"items": [{"sourceSite": "central", "doctype": "Item", "operation": "upsert"}]}""";
    }

    @Override
    protected String[] roles() {
        return new String[]{"sync-worker"};
    }
}
