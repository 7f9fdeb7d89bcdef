package dev.sitesync.gateway.api;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.contracts.sync.WebhookEvent;
import dev.sitesync.frappe.client.WebhookSignature;
import dev.sitesync.gateway.client.SiteDirectory;
import dev.sitesync.gateway.client.SiteEntry;
import dev.sitesync.gateway.client.UpstreamFailure;
import dev.sitesync.gateway.client.WorkerIntake;
import dev.sitesync.gateway.config.GatewayConfig;
import dev.sitesync.gateway.config.Senders;
import dev.sitesync.gateway.domain.Decision;
import dev.sitesync.gateway.domain.RateLimits;
import dev.sitesync.gateway.domain.ReplayKey;
import dev.sitesync.gateway.domain.RouteMatch;
import dev.sitesync.gateway.domain.WebhookDocument;

/**
 * {@code POST /hooks/{site}}: an ERPNext webhook. Checked in order of cost: the site is known and active, the client
 * is inside the site's webhook ranges, the body fits, the HMAC over the raw bytes matches one of the site's secrets
 * (current, or previous during a rotation), the body names a document and its version, the site's rate limit allows
 * it. Then it is handed to the site's worker: 202 only once the worker committed it, 503 otherwise so Frappe retries.
 * A replay (same site, doctype, name, modified and body) is recognised by the worker's durable intake, which keeps
 * one event per such key whichever gateway replica forwards it, and answers it as a duplicate: 200 {@code duplicate}.
 * The gateway itself writes nothing per webhook.
 */
@ApplicationScoped
public class WebhookRoute {

    private static final Logger LOG = Logger.getLogger(WebhookRoute.class);
    private static final Pattern DOC_EVENT = Pattern.compile("[a-z_]{1,40}");

    private final SiteDirectory sites;
    private final Senders senders;
    private final RateLimitGate limits;
    private final RateLimits rateLimits;
    private final WorkerIntake intake;
    private final Replies replies;
    private final long maxBody;

    public WebhookRoute(SiteDirectory sites, Senders senders, RateLimitGate limits, RateLimits rateLimits,
            WorkerIntake intake, Replies replies, GatewayConfig config) {
        this.sites = sites;
        this.senders = senders;
        this.limits = limits;
        this.rateLimits = rateLimits;
        this.intake = intake;
        this.replies = replies;
        this.maxBody = config.webhooks().maxBody().asLongValue();
    }

    void handle(RoutingContext rc, RouteMatch match) {
        Exchange exchange = Exchange.of(rc);
        String site = match.site();
        exchange.caller = "site:" + site;
        sites.find(site)
                .onFailure(UpstreamFailure.class).transform(failure -> new Refusal(Decision.REGISTRY_UNAVAILABLE,
                        ProblemType.UNAVAILABLE, "The site cannot be checked right now; retry later."))
                .map(entry -> entry.orElseThrow(() -> new Refusal(Decision.SITE_UNKNOWN, ProblemType.NOT_FOUND,
                        "No site '" + site + "' takes webhooks here.")))
                .invoke(entry -> admit(exchange, entry))
                .flatMap(entry -> RequestBodies.read(rc, maxBody))
                .map(body -> verified(site, rc, body.getBytes()))
                .flatMap(body -> take(rc, exchange, site, body))
                // the answer comes back with its batch, on another request's thread: reply on this request's own
                .emitOn(exchange.ownContext)
                .subscribe().with(outcome -> {
                    exchange.decision = outcome;
                    replies.json(rc, outcome == Decision.ACCEPTED ? 202 : 200, Map.of("outcome", outcome.label()));
                }, failure -> replies.fail(rc, failure));
    }

    private static void admit(Exchange exchange, SiteEntry site) {
        if (exchange.client == null || !site.webhookCidrs().contains(exchange.client)) {
            throw new Refusal(Decision.IP_NOT_ALLOWED, ProblemType.IP_NOT_ALLOWED,
                    "Webhooks for this site are not accepted from " + exchange.clientText() + ".");
        }
        if (!site.active()) {
            throw new Refusal(Decision.SITE_INACTIVE, ProblemType.SITE_INACTIVE,
                    "Site '" + site.code() + "' is not active; its webhooks are not taken.");
        }
    }

    private byte[] verified(String site, RoutingContext rc, byte[] body) {
        List<String> secrets = senders.webhookSecrets(site);
        if (secrets.isEmpty()) {
            LOG.errorf("No webhook secret is configured for site %s (sitesync.webhook-secrets.%s)", site, site);
            throw new Refusal(Decision.GATEWAY_UNAVAILABLE, ProblemType.UNAVAILABLE,
                    "Webhooks for this site cannot be verified right now; retry later.");
        }
        String signature = rc.request().getHeader(WebhookSignature.HEADER);
        if (secrets.stream().noneMatch(secret -> WebhookSignature.verify(secret, body, signature))) {
            throw new Refusal(Decision.INVALID_SIGNATURE, ProblemType.INVALID_SIGNATURE,
                    "The " + WebhookSignature.HEADER + " header is missing or is not the HMAC-SHA256 of this body.");
        }
        return body;
    }

    private Uni<Decision> take(RoutingContext rc, Exchange exchange, String site, byte[] body) {
        WebhookDocument document = parse(body);
        ReplayKey key = ReplayKey.of(site, document, body);
        String docEvent = rc.request().getParam("event");
        WebhookEvent event = new WebhookEvent(site, document.doctype(), document.name(), document.modified(),
                key.bodySha256(), docEvent != null && DOC_EVENT.matcher(docEvent).matches() ? docEvent : null,
                exchange.traceparent());
        return limits.take(rateLimits.forSite(site)).flatMap(allowed -> forward(event, exchange));
    }

    private Uni<Decision> forward(WebhookEvent event, Exchange exchange) {
        return intake.submit(event, exchange.requestId)
                .map(receipt -> receipt.duplicate() ? Decision.DUPLICATE : Decision.ACCEPTED)
                .onFailure(UpstreamFailure.class).transform(failure -> {
                    LOG.warnf("Webhook for %s %s not taken by the worker: %s", event.doctype(), event.name(),
                            failure.getMessage());
                    return new Refusal(Decision.UPSTREAM_ERROR, ProblemType.UNAVAILABLE,
                            "The webhook could not be handed on right now; retry later.");
                });
    }

    private static WebhookDocument parse(byte[] body) {
        try {
            return WebhookDocument.parse(body);
        } catch (WebhookDocument.MalformedBody e) {
            throw new Refusal(Decision.MALFORMED_BODY, ProblemType.MALFORMED_JSON,
                    "The webhook body is not a JSON object: " + e.getMessage() + ".");
        } catch (WebhookDocument.IncompleteBody e) {
            throw new Refusal(Decision.INVALID_BODY, ProblemType.INVALID_REQUEST,
                    "The webhook body needs doctype, name and modified as Frappe sends them; missing or invalid: "
                            + String.join(", ", e.fields()) + ".");
        }
    }
}
