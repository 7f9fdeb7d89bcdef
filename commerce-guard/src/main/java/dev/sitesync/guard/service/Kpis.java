package dev.sitesync.guard.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.sitesync.guard.client.SiteDirectory;
import dev.sitesync.guard.client.StockLedger;
import dev.sitesync.guard.domain.StockTurnover;
import dev.sitesync.guard.store.KpiStore;
import dev.sitesync.guard.store.ReviewStore;

/**
 * A site's KPIs (seed §20) over a period of days on the site: orders checked and their verdicts, BLOCK and REVIEW
 * rates, orders created with their volume and average value, payment outcomes, reviews decided, the review queue, and
 * stock turnover from the site's stock ledger. Every site's previous day is computed once a day
 * ({@code guard.kpis.cron}), by one replica, and kept; an operator can compute any period on demand.
 */
@ApplicationScoped
public class Kpis {

    private static final Logger LOG = Logger.getLogger(Kpis.class);
    private static final Duration ABANDONED_AFTER = Duration.ofHours(1);

    /** The KPIs of a site over a period. */
    public record Figures(long ordersChecked, Map<String, Long> verdicts, BigDecimal blockRate, BigDecimal reviewRate,
            long ordersCreated, List<OrderValue> orderValue, Map<String, Long> payments, Map<String, Long> reviews,
            long reviewQueueDepth, Long reviewQueueOldestSeconds, StockTurnover stockTurnover) {
    }

    /** Orders created in one currency: how many, what they are worth, and the average order's value. */
    public record OrderValue(String currency, long orders, BigDecimal total, BigDecimal average) {
    }

    private final KpiStore store;
    private final ReviewStore reviews;
    private final StockLedger ledger;
    private final SiteDirectory sites;

    public Kpis(KpiStore store, ReviewStore reviews, StockLedger ledger, SiteDirectory sites) {
        this.store = store;
        this.reviews = reviews;
        this.ledger = ledger;
        this.sites = sites;
    }

    /** Computes and keeps the KPIs of the site over [from, to], replacing a snapshot of that period. */
    public Uni<KpiStore.Stored> compute(String site, LocalDate from, LocalDate to) {
        sites.config(site);
        return store.claim(site, from, to, ABANDONED_AFTER, true)
                .flatMap(claimed -> computeAndStore(site, from, to))
                .flatMap(stored -> store.between(site, from, to))
                .map(snapshots -> snapshots.stream().filter(s -> s.from().equals(from) && s.to().equals(to))
                        .findFirst().orElseThrow());
    }

    public Uni<List<KpiStore.Stored>> between(String site, LocalDate from, LocalDate to) {
        sites.config(site);
        return store.between(site, from, to);
    }

    /** Each site's previous day, by whichever replica claims it first. */
    @Scheduled(cron = "${guard.kpis.cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> daily() {
        return Multi.createFrom().iterable(sites.codes())
                .onItem().transformToUniAndConcatenate(site -> {
                    LocalDate yesterday = LocalDate.now(sites.config(site).timeZone()).minusDays(1);
                    return store.claim(site, yesterday, yesterday, ABANDONED_AFTER, false)
                            .flatMap(claimed -> claimed
                                    ? computeAndStore(site, yesterday, yesterday)
                                    : Uni.createFrom().voidItem())
                            .onFailure().invoke(failure -> LOG.warnf("KPIs of %s for %s were not computed: %s", site,
                                    yesterday, failure.getMessage()))
                            .onFailure().recoverWithNull();
                })
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> computeAndStore(String site, LocalDate from, LocalDate to) {
        ZoneId zone = sites.config(site).timeZone();
        OffsetDateTime start = from.atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime end = to.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        Uni<StockTurnover> turnover = ledger.turnover(site, from, to).onFailure().recoverWithItem(
                failure -> StockTurnover.skipped("The stock ledger could not be read: " + failure.getMessage()));
        return Uni.combine().all().unis(store.verdicts(site, start, end), store.ordersCreated(site, start, end),
                store.payments(site, start, end), store.reviews(site, start, end), reviews.depths(), turnover)
                .asTuple().map(read -> {
                    Map<String, Long> verdicts = read.getItem1();
                    long checked = verdicts.values().stream().mapToLong(Long::longValue).sum();
                    List<OrderValue> values = read.getItem2().stream().map(v -> new OrderValue(v.currency(), v.orders(),
                            v.total(), v.total().divide(BigDecimal.valueOf(v.orders()), 2, RoundingMode.HALF_UP)))
                            .toList();
                    ReviewStore.Depth queue = read.getItem5().stream().filter(d -> d.site().equals(site)).findFirst()
                            .orElse(new ReviewStore.Depth(site, 0, null));
                    return new Figures(checked, verdicts, rate(verdicts.get("BLOCK"), checked),
                            rate(verdicts.get("REVIEW"), checked), values.stream().mapToLong(OrderValue::orders).sum(),
                            values, read.getItem3(), read.getItem4(), queue.open(),
                            queue.oldest() == null
                                    ? null
                                    : Duration.between(queue.oldest(), OffsetDateTime.now()).toSeconds(),
                            read.getItem6());
                })
                .flatMap(figures -> store.store(site, from, to, figures));
    }

    private static BigDecimal rate(Long part, long whole) {
        return whole == 0
                ? BigDecimal.ZERO
                : BigDecimal.valueOf(part == null ? 0 : part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
