package dev.sitesync.console.api;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;

import dev.sitesync.console.client.DeadLetter;
import dev.sitesync.console.client.ServiceCalls;
import dev.sitesync.console.client.ServiceClients;
import dev.sitesync.console.client.WorkerHistories;
import dev.sitesync.console.client.WorkerStatus;
import dev.sitesync.console.config.ConsoleConfig;
import dev.sitesync.console.domain.Ago;
import dev.sitesync.console.domain.Answer;
import dev.sitesync.console.domain.LineChart;
import dev.sitesync.console.domain.ServiceFailure;
import dev.sitesync.console.domain.SiteHealth;
import dev.sitesync.console.domain.SiteHistory;

/** The overview: per site its state, queues, circuits and charts, and the latest decisions people took. */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class OverviewResource {

    /** One site's card. {@code status} is null when its worker did not answer; {@code failure} says why. */
    public record SiteCard(String site, WorkerStatus status, ServiceFailure failure, SiteHealth health,
            String lastSuccess, LineChart throughput, LineChart lag) {
    }

    /** A decision a person took on a dead letter or conflict, for "who did what, when and why". */
    public record RecentDecision(String site, DeadLetter letter) {
    }

    private final ConsoleConfig config;
    private final ServiceClients services;
    private final WorkerHistories histories;
    private final Clock clock = Clock.systemUTC();

    public OverviewResource(ConsoleConfig config, ServiceClients services, WorkerHistories histories) {
        this.config = config;
        this.services = services;
        this.histories = histories;
    }

    @GET
    public Uni<TemplateInstance> overview() {
        Uni<List<SiteCard>> cards = Uni.join().all(config.sites().stream().map(this::card).toList()).andFailFast();
        Uni<List<RecentDecision>> decisions = Uni.join().all(config.sites().stream().map(this::decided).toList())
                .andFailFast().map(perSite -> perSite.stream().flatMap(List::stream)
                        .sorted(Comparator.comparing((RecentDecision d) -> d.letter().resolvedAt()).reversed())
                        .limit(8).toList());
        return cards.flatMap(all -> decisions.map(recent -> Pages.overview(all, recent, config.history().interval()
                .toSeconds())));
    }

    private Uni<SiteCard> card(String site) {
        return ServiceCalls.answer(Sites.worker(site), () -> services.worker(site).status()).map(answer -> {
            Instant now = clock.instant();
            SiteHistory history = histories.of(site);
            LineChart throughput = LineChart.of("Throughput of " + site, "changes/min", history.throughputPerMinute(),
                    now, config.history().window());
            LineChart lag = LineChart.of("Lag of " + site, "s", history.lagSeconds(), now, config.history().window());
            String lastSuccess = history.lastSuccess().map(at -> Ago.of(at, now))
                    .orElse(history.firstSample().map(first -> "none since " + Ago.of(first, now))
                            .orElse("no readings yet"));
            if (!answer.ok()) {
                return new SiteCard(site, null, answer.failure(),
                        SiteHealth.unreachable(answer.failure().message()), lastSuccess, throughput, lag);
            }
            WorkerStatus status = answer.value();
            SiteHealth health = SiteHealth.of(status.lagSeconds(), status.openCircuits(), status.conflicts(),
                    status.deadLetters(), status.parked());
            return new SiteCard(site, status, null, health, lastSuccess, throughput, lag);
        });
    }

    private Uni<List<RecentDecision>> decided(String site) {
        return ServiceCalls.answer(Sites.worker(site),
                () -> services.worker(site).deadLetters(null, "resolved", null, 8))
                .map(answer -> answer.ok()
                        ? answer.value().items().stream().map(letter -> new RecentDecision(site, letter)).toList()
                        : List.<RecentDecision>of());
    }

    static <T> T valueOr(Answer<T> answer, T otherwise) {
        return answer.ok() ? answer.value() : otherwise;
    }
}
