package dev.sitesync.console.api;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;

import dev.sitesync.console.client.Conflicts;
import dev.sitesync.console.client.DeadLetter;
import dev.sitesync.console.client.ServiceCalls;
import dev.sitesync.console.client.ServiceClients;
import dev.sitesync.console.client.WorkerHistories;
import dev.sitesync.console.client.WorkerStatus;
import dev.sitesync.console.config.ConsoleConfig;
import dev.sitesync.console.domain.Ago;
import dev.sitesync.console.domain.Answer;
import dev.sitesync.console.domain.Conflict;
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

    /** A decision a person took on a dead letter or a conflict: who did what, when and why. */
    public record RecentDecision(String site, OffsetDateTime at, String who, String what, String why) {
    }

    private static final int RECENT = 8;

    private final ConsoleConfig config;
    private final ServiceClients services;
    private final WorkerHistories histories;
    private final Conflicts conflicts;
    private final Clock clock = Clock.systemUTC();

    public OverviewResource(ConsoleConfig config, ServiceClients services, WorkerHistories histories,
            Conflicts conflicts) {
        this.config = config;
        this.services = services;
        this.histories = histories;
        this.conflicts = conflicts;
    }

    @GET
    public Uni<TemplateInstance> overview() {
        Uni<List<SiteCard>> cards = Uni.join().all(config.sites().stream().map(this::card).toList()).andFailFast();
        Uni<List<RecentDecision>> decisions = Uni.join().all(config.sites().stream().map(this::decided).toList())
                .andFailFast().map(perSite -> perSite.stream().flatMap(List::stream)
                        .sorted(Comparator.comparing(RecentDecision::at, Comparator.nullsLast(Comparator.reverseOrder())))
                        .limit(RECENT).toList());
        // every service call of the page at once: the page takes as long as its slowest call, not their sum
        return Uni.combine().all().unis(cards, decisions).asTuple().map(both -> Pages.overview(both.getItem1(),
                both.getItem2(), config.history().interval().toSeconds()));
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
        Uni<List<RecentDecision>> letters = ServiceCalls.answer(Sites.worker(site),
                () -> services.worker(site).deadLetters(null, "resolved", null, RECENT))
                .map(answer -> answer.ok()
                        ? answer.value().items().stream().map(letter -> letter(site, letter)).toList()
                        : List.<RecentDecision>of());
        Uni<Answer<List<Conflict>>> accepted = conflicts.list(site, "ACCEPTED_SOURCE", null, RECENT);
        Uni<Answer<List<Conflict>>> kept = conflicts.list(site, "KEPT_TARGET", null, RECENT);
        return Uni.combine().all().unis(letters, accepted, kept).asTuple().map(answers -> {
            List<RecentDecision> all = new java.util.ArrayList<>(answers.getItem1());
            ConflictsResource.decided(answers.getItem2(), answers.getItem3()).forEach(conflict -> all.add(
                    new RecentDecision(site, conflict.resolvedAt(), conflict.resolvedBy(), conflict.decision()
                            + " on conflict " + conflict.id() + " (" + conflict.doctype() + " " + conflict.localName()
                            + ")", conflict.resolutionReason())));
            return all;
        });
    }

    private static RecentDecision letter(String site, DeadLetter letter) {
        return new RecentDecision(site, letter.resolvedAt(), letter.resolvedBy(), letter.resolution().toLowerCase()
                + " dead letter " + letter.id() + " (" + letter.doctype() + " " + Objects.toString(letter.sourceName(), "")
                + ", " + letter.reason() + ")", letter.resolutionReason());
    }
}
