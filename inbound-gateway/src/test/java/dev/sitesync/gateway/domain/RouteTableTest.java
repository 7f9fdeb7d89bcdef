package dev.sitesync.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RouteTableTest {

    private final RouteTable table = new RouteTable(List.of(
            new RouteRule("webhooks", RouteKind.WEBHOOK, List.of("hooks", RouteRule.SITE), true, Set.of("POST"), null,
                    List.of(), Set.of()),
            new RouteRule("sites", RouteKind.API, List.of("api", "v1", "sites"), false, Set.of("GET"), "http://own",
                    List.of("api", "v1", "sites"), Set.of("sre")),
            new RouteRule("site-onboarding", RouteKind.API, List.of("api", "v1", "sites", RouteRule.SITE, "onboarding"),
                    false, Set.of("PUT"), "http://own", List.of("api", "v1", "sites", RouteRule.SITE, "onboarding"),
                    Set.of("sync-admin")),
            new RouteRule("ops", RouteKind.API, List.of("ops", "v1", "sites", RouteRule.SITE), false, Set.of("GET"),
                    "http://sync-worker-{site}:8080", List.of("ops", "v1"), Set.of("sre"))));

    @Test
    void theMostSpecificRouteDecides() {
        RouteMatch match = found("PUT", "/api/v1/sites/north/onboarding");

        assertThat(match.rule().name()).isEqualTo("site-onboarding");
        assertThat(match.site()).isEqualTo("north");
    }

    @Test
    void aMethodTheSpecificRouteRefusesDoesNotFallToABroaderRoute() {
        assertThat(table.route("GET", PathNormalizer.normalize("/api/v1/sites/north/onboarding")))
                .isInstanceOf(RouteTable.MethodNotAllowed.class);
    }

    @Test
    void prefixesMatchWholeSegmentsOnly() {
        assertThat(table.route("GET", PathNormalizer.normalize("/api/v1/sitesX"))).isInstanceOf(RouteTable.NotFound.class);
        assertThat(found("GET", "/api/v1/sites/central").rest()).containsExactly("central");
    }

    @Test
    void exactRoutesTakeNothingMore() {
        assertThat(table.route("POST", PathNormalizer.normalize("/hooks/central/x"))).isInstanceOf(RouteTable.NotFound.class);
        assertThat(table.route("POST", PathNormalizer.normalize("/hooks/Central"))).isInstanceOf(RouteTable.NotFound.class);
    }

    @Test
    void theUpstreamPathReplacesThePrefixAndTheSiteNamesTheWorker() {
        RouteMatch match = found("GET", "/ops/v1/sites/north/status/lag");

        assertThat(match.upstreamBase()).isEqualTo("http://sync-worker-north:8080");
        assertThat(match.upstreamPath()).isEqualTo("/ops/v1/status/lag");
    }

    @Test
    void routePrefixesMustBeLowercase() {
        assertThatThrownBy(() -> new RouteRule("bad", RouteKind.API, List.of("Api"), false, Set.of("GET"), "http://x",
                List.of(), Set.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private RouteMatch found(String method, String path) {
        RouteTable.Outcome outcome = table.route(method, PathNormalizer.normalize(path));
        assertThat(outcome).isInstanceOf(RouteTable.Found.class);
        return ((RouteTable.Found) outcome).match();
    }
}
