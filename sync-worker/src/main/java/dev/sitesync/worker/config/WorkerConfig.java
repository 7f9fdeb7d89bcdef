package dev.sitesync.worker.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything a worker is told about its site and its peers; every value overridable by environment variable. */
@ConfigMapping(prefix = "sitesync.worker")
public interface WorkerConfig {

    /** The site this worker serves ({@code SITESYNC_SITE}); the only site whose credentials it holds. */
    String site();

    Frappe frappe();

    /** Base URLs of ownership-service and identity-service. */
    Services services();

    /** Consumer sites' workers by site code ({@code SITESYNC_WORKER_PEERS_NORTH=http://...}). */
    Map<String, String> peers();

    /**
     * Any consumer's worker that {@link #peers()} does not name, {@code {site}} standing for its code
     * ({@code SITESYNC_WORKER_PEER_URL=http://sitesync-sync-worker-{site}:8090}). In Kubernetes every site's worker
     * has a Service of this form, so a site added later is reached without changing or restarting the other workers.
     */
    Optional<String> peerUrl();

    /** The base URL of a consumer's worker, if configured. */
    default Optional<String> peerUrlOf(String site) {
        String url = peers().get(site);
        return url != null ? Optional.of(url) : peerUrl().map(template -> template.replace("{site}", site));
    }

    /**
     * The OIDC client of a site's worker, {@code {site}} standing for its code ({@code SITESYNC_WORKER_WORKER_CLIENT}):
     * an envelope is taken only from the worker of the site it comes from.
     */
    @WithDefault("worker-{site}")
    String workerClient();

    Events events();

    Poll poll();

    /** How the three ways of capturing share doctypes: leases, lanes and their backoff. */
    Capture capture();

    FullSync fullSync();

    Delivery delivery();

    Apply apply();

    Metrics metrics();

    Retry retry();

    Links links();

    Circuits circuits();

    Audit audit();

    Schema schema();

    Readiness readiness();

    Reconcile reconcile();

    /**
     * The off-peak window of this site's batch work, a Quartz cron in the site's time zone
     * ({@code SITESYNC_WORKER_BATCH_WINDOW}, e.g. {@code * * 1-5 * * ?}): full syncs go on and scheduled
     * reconciliations start only while it is open. None: at any time.
     */
    Optional<String> batchWindow();

    /** How long an off-peak window stays open after each time its cron fires (capture windows and the batch window). */
    @WithDefault("1m")
    Duration windowOpenFor();

    /** Anti-entropy: the owners' documents against this site's copies, per owner and doctype this site receives. */
    interface Reconcile {

        /** How often every doctype this site receives is reconciled with each of its owners. */
        @WithDefault("6h")
        Duration interval();

        /** Documents read per second for reconciliations, on this site (owner's or consumer's side): a bucket of its own. */
        @WithDefault("50")
        int readsPerSecond();

        /** A running reconciliation that has not moved for this long is taken as abandoned (its worker stopped). */
        @WithDefault("10m")
        Duration abandonedAfter();
    }

    /** Schema drift: how often this site's meta of the doctypes it receives is compared with its baseline. */
    interface Schema {

        /** A doctype whose meta became incompatible stops being applied within this interval (or on a check now). */
        @WithDefault("1m")
        Duration checkInterval();
    }

    /** The go-live check ({@code GET /ops/v1/readiness}). */
    interface Readiness {

        /** The largest difference between the site's clock and this worker's that is still fit for go-live. */
        @WithDefault("5s")
        Duration maxClockSkew();
    }

    /** The sync log kept for ever and provable: its months, its verification and its anchored heads. */
    interface Audit {

        /** How often the entries since the newest anchor are verified and the head anchored with ownership-service. */
        @WithDefault("5m")
        Duration anchorInterval();

        /** How often the whole log is verified, archived months included. */
        @WithDefault("24h")
        Duration fullVerifyInterval();

        /** Months whose partitions are made ahead of time, beyond the current one. */
        @WithDefault("3")
        int monthsAhead();

        /** Entries read per page while verifying; memory is bounded by it, not by the log's length. */
        @WithDefault("5000")
        int pageSize();
    }

    /** When a target (the site, a peer's worker) is taken as away, and how often it is probed meanwhile. */
    interface Circuits {

        /** Failures are counted over this window ... */
        @WithDefault("30s")
        Duration window();

        /** ... and open the circuit once at least this many calls were made ... */
        @WithDefault("5")
        int minimumCalls();

        /** ... and this share of them failed. */
        @WithDefault("0.5")
        double failureRate();

        /** The first probe's wait; it doubles per failed probe up to {@code maxProbe}. */
        @WithDefault("5s")
        Duration firstProbe();

        @WithDefault("60s")
        Duration maxProbe();

        /** The wait between probes while the target refuses our credentials, so the user is not locked out. */
        @WithDefault("60s")
        Duration credentialsProbe();
    }

    interface Links {

        /** How often the names documents were written under are published to identity-service. */
        @WithDefault("2s")
        Duration interval();
    }

    /** Failures are waited out, not counted: work is parked for an operator only when it keeps failing this long. */
    interface Retry {

        @WithDefault("24h")
        Duration maxAge();
    }

    /** The gateway's public base URL, for the webhooks onboarding creates ({@code <gateway>/hooks/<site>}). */
    Optional<String> gatewayUrl();

    interface Frappe {

        String url();

        /** Sent as X-Frappe-Site-Name when several sites share one host. */
        Optional<String> siteName();

        String apiKey();

        String apiSecret();

        /** The secret the site signs webhooks with, set on the Webhook documents onboarding creates. */
        Optional<String> webhookSecret();

        /**
         * The site's time zone when the site does not say (its System Settings zone is read from the site, through
         * {@code frappe.client.get_time_zone}, and preferred).
         */
        @WithDefault("UTC")
        String timeZone();

        /** How long the zone read from the site is trusted before it is read again. */
        @WithDefault("10m")
        Duration timeZoneMaxAge();

        /**
         * Most connections open to the site at once, shared by capture's reads and the applies: at least the apply
         * concurrency, so applies never queue for a connection behind each other.
         */
        @WithDefault("24")
        int maxPoolSize();

        @WithDefault("30s")
        Duration requestTimeout();

        /** How long DocType metadata is trusted before it is read again (schema changes after onboarding). */
        @WithDefault("5m")
        Duration metaMaxAge();
    }

    interface Services {

        String ownershipUrl();

        String identityUrl();
    }

    interface Events {

        /** How often webhook events are drained besides the nudge each intake gives. */
        @WithDefault("1s")
        Duration interval();

        /** Events of one doctype captured together. */
        @WithDefault("500")
        int batchSize();

        /** The wait after an event's first failed capture; it doubles (with jitter) up to {@link #maxBackoff()}. */
        @WithDefault("2s")
        Duration firstBackoff();

        @WithDefault("5m")
        Duration maxBackoff();

        /**
         * An event whose capture still fails this long after it arrived becomes a {@code CAPTURE_FAILED} dead letter
         * (the poll still covers its document while the poll itself succeeds).
         */
        @WithDefault("24h")
        Duration maxAge();
    }

    interface Poll {

        @WithDefault("true")
        boolean enabled();

        /** How often each captured doctype is polled incrementally. */
        @WithDefault("5s")
        Duration interval();

        @WithDefault("200")
        int pageSize();

        /**
         * Re-read this far behind the checkpoint, for rows committed late with an earlier modified; rows younger than
         * this are left to their webhooks.
         */
        @WithDefault("2s")
        Duration overlap();

        /**
         * How far the overlap may widen: when the poll finds a row committed later than the overlap, it reads back
         * twice that lateness, up to this, for {@link #widenedFor()}.
         */
        @WithDefault("10m")
        Duration maxOverlap();

        @WithDefault("1h")
        Duration widenedFor();
    }

    interface Capture {

        /** Doctypes captured side by side by each way of capturing; each doctype is a lane with its own recovery. */
        @WithDefault("4")
        int lanes();

        /** A doctype's capture lease, renewed every third of it while the capture runs. */
        @WithDefault("30s")
        Duration lease();

        /** A capture cycle that runs longer than this is given up (a hung call), and its lease released. */
        @WithDefault("10m")
        Duration maxCycle();

        /** The wait after a lane's first failure; it doubles (with jitter) up to {@link #maxBackoff()}. */
        @WithDefault("1s")
        Duration firstBackoff();

        @WithDefault("5m")
        Duration maxBackoff();

        /** How long a capture outside the lanes (a dependency, a resend) waits for its doctype's lease. */
        @WithDefault("30s")
        Duration dependencyWait();
    }

    interface FullSync {

        /** How often unfinished full syncs continue by a few pages. */
        @WithDefault("2s")
        Duration interval();
    }

    interface Delivery {

        /** How often lanes are scanned besides the nudge each queued envelope gives. */
        @WithDefault("1s")
        Duration interval();

        /** Deliveries claimed from a consumer's lane at a time. */
        @WithDefault("200")
        int batchSize();

        /** Envelopes sent in one request (the consumer commits them together). */
        @WithDefault("50")
        int envelopesPerRequest();

        @WithDefault("500ms")
        Duration firstBackoff();

        @WithDefault("5m")
        Duration maxBackoff();
    }

    interface Apply {

        /** How often due tasks are leased besides the nudge each intake gives. */
        @WithDefault("1s")
        Duration interval();

        /**
         * Documents applied at once. Each apply waits mostly on the site, so more in flight keep the site busy; the
         * write rate below is the brake that protects it.
         */
        @WithDefault("16")
        int concurrency();

        /** Writes per second to the site, a token bucket shared by this worker's applies. */
        @WithDefault("50")
        int ratePerSecond();

        /**
         * How long a replica holds a document without renewing: the work on it renews the lease every
         * {@code renewal}, so a crashed replica's documents are taken over after this, a working one's never.
         */
        @WithDefault("60s")
        Duration lease();

        @WithDefault("20s")
        Duration renewal();

        /** How long one document's apply may take (a few calls to a slow site); then it is given up and retried. */
        @WithDefault("5m")
        Duration timeout();

        @WithDefault("1s")
        Duration firstBackoff();

        @WithDefault("5m")
        Duration maxBackoff();

        /** The longest wait between retries while identity-service or ownership-service is away. */
        @WithDefault("30s")
        Duration outageBackoff();

        /** How long a document waits for a document it links to before an operator sees it. */
        @WithDefault("1h")
        Duration maxWait();
    }

    interface Metrics {

        /** How often the gauges (lag, queue depths) are read from the database. */
        @WithDefault("10s")
        Duration interval();
    }
}
