package dev.sitesync.console.client;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

import dev.sitesync.console.config.ConsoleConfig;
import dev.sitesync.console.domain.MetricsText;
import dev.sitesync.console.domain.SiteHistory;

/**
 * The overview's history: each worker's public metrics read at an interval into a {@link SiteHistory} per site. A
 * worker that does not answer is skipped for that round (its chart shows the gap); nothing here holds a token.
 */
@ApplicationScoped
public class WorkerHistories {

    private static final Logger LOG = Logger.getLogger(WorkerHistories.class);

    private final Map<String, MetricsApi> metrics = new LinkedHashMap<>();
    private final Map<String, SiteHistory> histories = new LinkedHashMap<>();
    private final Clock clock = Clock.systemUTC();

    public WorkerHistories(ConsoleConfig config) {
        for (String site : config.sites()) {
            metrics.put(site, QuarkusRestClientBuilder.newBuilder()
                    .baseUri(URI.create(config.workers().urlOf(site)))
                    .connectTimeout(config.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .readTimeout(config.callTimeout().toMillis(), TimeUnit.MILLISECONDS).build(MetricsApi.class));
            histories.put(site, new SiteHistory(config.history().window()));
        }
    }

    public SiteHistory of(String site) {
        return histories.get(site);
    }

    @Scheduled(every = "${sitesync.console.history.interval}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sample() {
        return Uni.join().all(metrics.entrySet().stream().map(e -> sample(e.getKey(), e.getValue())).toList())
                .andCollectFailures().replaceWithVoid();
    }

    private Uni<Void> sample(String site, MetricsApi api) {
        return api.scrape().map(MetricsText::parse).invoke(text -> histories.get(site).add(reading(text, clock.instant())))
                .onFailure().invoke(e -> LOG.debugf("No metrics from the worker of %s this round: %s", site, e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    static SiteHistory.Sample reading(MetricsText text, Instant at) {
        return new SiteHistory.Sample(at,
                text.sum("sitesync_worker_envelopes_total", labels -> "applied".equals(labels.get("outcome"))),
                text.sum("sitesync_worker_deliveries_total", labels -> "delivered".equals(labels.get("outcome"))),
                text.max("sitesync_worker_lag_seconds", labels -> true));
    }
}
