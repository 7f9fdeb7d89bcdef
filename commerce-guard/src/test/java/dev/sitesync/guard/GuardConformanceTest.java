package dev.sitesync.guard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.sitesync.guard.site.ShopSiteResource;
import dev.sitesync.testsupport.conformance.ServiceConformance;
import dev.sitesync.testsupport.oidc.OidcTestResource;
import dev.sitesync.testsupport.postgres.PostgresTestResource;

/** commerce-guard answers bad input and bad tokens as every service does. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "guard"))
@WithTestResource(value = OidcTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = ShopSiteResource.class, scope = TestResourceScope.GLOBAL)
class GuardConformanceTest extends ServiceConformance {

    @Override
    protected String jsonPath() {
        return "/api/v1/orders/check";
    }

    @Override
    protected String validBody() {
        try {
            return new ObjectMapper().writeValueAsString(OrderJson.order().request());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected String[] roles() {
        return new String[]{"storefront"};
    }
}
