package dev.sitesync.guard.service;

import java.time.Duration;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

import dev.sitesync.guard.client.SiteDirectory;
import dev.sitesync.guard.store.ReviewStore;

/**
 * Reads the review queue of every site from PostgreSQL every 30 seconds into its gauges. Every replica reports the
 * same shared queue, so dashboards and alerts take the maximum over replicas, not the sum.
 */
@ApplicationScoped
public class ReviewQueueGauges {

    private static final Logger LOG = Logger.getLogger(ReviewQueueGauges.class);

    private final ReviewStore reviews;
    private final SiteDirectory sites;
    private final GuardMetrics metrics;

    public ReviewQueueGauges(ReviewStore reviews, SiteDirectory sites, GuardMetrics metrics) {
        this.reviews = reviews;
        this.sites = sites;
        this.metrics = metrics;
    }

    @Scheduled(every = "${guard.review-queue-refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return reviews.depths().invoke(depths -> {
            OffsetDateTime now = OffsetDateTime.now();
            for (String site : sites.codes()) {
                var depth = depths.stream().filter(d -> d.site().equals(site)).findFirst();
                metrics.reviewQueue(site, depth.map(ReviewStore.Depth::open).orElse(0L),
                        depth.map(d -> Duration.between(d.oldest(), now).toSeconds()).orElse(0L));
            }
        }).onFailure().invoke(failure -> LOG.warnf("The review queue could not be read for its gauges: %s",
                failure.getMessage())).onFailure().recoverWithNull().replaceWithVoid();
    }
}
