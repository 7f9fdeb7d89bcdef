package dev.sitesync.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesRegex;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.quarkus.test.junit.QuarkusTest;

import dev.sitesync.gateway.peers.PeersResource;
import dev.sitesync.gateway.store.RateLimiter;

/**
 * Rate limits live in PostgreSQL, so they hold across replicas: a second gateway instance (its own limiter and
 * connections over the same database) draws from the same buckets as the running gateway.
 */
@QuarkusTest
class RateLimitTest extends GatewayTest {

    /** The bucket of site "shared" as PeersResource sizes it: 4 webhooks an hour. */
    private static final long SHARED_CAPACITY = 4;

    @BeforeEach
    void workerAccepts() {
        peers().workerAccepts();
    }

    @Test
    void aSiteOverItsWebhookLimitIsToldWhenToRetry() {
        for (int i = 0; i < 3; i++) {
            webhook(PeersResource.OTHER_SECRET, itemBody("LIMITED-" + UUID.randomUUID())).when().post("/hooks/limited")
                    .then().statusCode(202);
        }

        webhook(PeersResource.OTHER_SECRET, itemBody("LIMITED-" + UUID.randomUUID())).when().post("/hooks/limited")
                .then().statusCode(429).contentType(PROBLEM_JSON).body("type", equalTo(PROBLEMS + "rate-limited"))
                .header("Retry-After", matchesRegex("[1-9][0-9]*"));
    }

    @Test
    void twoGatewayInstancesDrawFromOneBucket() {
        RateLimiter secondInstance = new RateLimiter(dataSource());
        webhook(PeersResource.OTHER_SECRET, itemBody("SHARED-" + UUID.randomUUID())).when().post("/hooks/shared")
                .then().statusCode(202);
        webhook(PeersResource.OTHER_SECRET, itemBody("SHARED-" + UUID.randomUUID())).when().post("/hooks/shared")
                .then().statusCode(202);

        RateLimiter.Verdict third = secondInstance.tryTake("site:shared", SHARED_CAPACITY, Duration.ofHours(1));
        RateLimiter.Verdict fourth = secondInstance.tryTake("site:shared", SHARED_CAPACITY, Duration.ofHours(1));
        RateLimiter.Verdict fifth = secondInstance.tryTake("site:shared", SHARED_CAPACITY, Duration.ofHours(1));

        assertThat(third.allowed()).isTrue();
        assertThat(fourth.allowed()).isTrue();
        assertThat(fifth.allowed()).as("the second instance sees what the first took").isFalse();
        webhook(PeersResource.OTHER_SECRET, itemBody("SHARED-" + UUID.randomUUID())).when().post("/hooks/shared")
                .then().statusCode(429).header("Retry-After", matchesRegex("[1-9][0-9]*"));
    }

    private PGSimpleDataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(database.jdbcUrl());
        dataSource.setUser(database.user());
        dataSource.setPassword(database.password());
        return dataSource;
    }
}
