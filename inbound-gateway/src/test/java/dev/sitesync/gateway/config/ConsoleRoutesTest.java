package dev.sitesync.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import dev.sitesync.gateway.domain.PathNormalizer;
import dev.sitesync.gateway.domain.RouteKind;
import dev.sitesync.gateway.domain.RouteTable;

/** The console's routes exist only where a console is named: a gateway without one starts and routes none. */
class ConsoleRoutesTest {

    @Test
    void withoutAConsoleTheGatewayStartsAndRoutesNone() throws IOException {
        RouteTable routes = new GatewayBeans().routeTable(config(Map.of()));

        assertThat(routes.route("GET", PathNormalizer.normalize("/console/"))).isInstanceOf(RouteTable.NotFound.class);
        assertThat(routes.route("GET", PathNormalizer.normalize("/webjars/htmx.org/dist/htmx.min.js")))
                .isInstanceOf(RouteTable.NotFound.class);
    }

    @Test
    void aNamedConsoleGetsItsPagesAndScripts() throws IOException {
        RouteTable routes = new GatewayBeans()
                .routeTable(config(Map.of("sitesync.gateway.console.upstream", "http://console:8086")));

        RouteTable.Outcome page = routes.route("POST", PathNormalizer.normalize("/console/conflicts/north/7"));
        assertThat(page).isInstanceOfSatisfying(RouteTable.Found.class, found -> {
            assertThat(found.match().rule().kind()).isEqualTo(RouteKind.CONSOLE);
            assertThat(found.match().upstreamBase()).isEqualTo("http://console:8086");
            assertThat(found.match().upstreamPath()).isEqualTo("/console/conflicts/north/7");
        });
        assertThat(routes.route("POST", PathNormalizer.normalize("/webjars/htmx.org/dist/htmx.min.js")))
                .as("scripts are only read").isInstanceOf(RouteTable.MethodNotAllowed.class);
    }

    /** The gateway's own application.properties, with the given values over it. */
    private static GatewayConfig config(Map<String, String> values) throws IOException {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(GatewayConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withSources(new PropertiesConfigSource(ConsoleRoutesTest.class.getResource("/application.properties")))
                .withSources(new PropertiesConfigSource(values, "test", 500)).build();
        return config.getConfigMapping(GatewayConfig.class);
    }
}
