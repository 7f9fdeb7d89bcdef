package dev.sitesync.identity;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.sitesync.testsupport.conformance.ServiceConformance;
import dev.sitesync.testsupport.oidc.OidcTestResource;
import dev.sitesync.testsupport.postgres.PostgresTestResource;

/** identity-service answers bad input and bad tokens as every service does. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "identity"))
@WithTestResource(value = OidcTestResource.class, scope = TestResourceScope.GLOBAL)
class IdentityConformanceTest extends ServiceConformance {

    @Override
    protected String jsonPath() {
        return "/api/v1/identities/resolve";
    }

    @Override
    protected String validBody() {
        return """
                {"items": [{"site": "central", "doctype": "Item", "localName": "CONFORMANCE-1"}], "assign": false}""";
    }

    @Override
    protected String[] roles() {
        return new String[]{"sync-worker"};
    }
}
