package dev.sitesync.worker.readiness;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.CarriedExternalIds;
import dev.sitesync.worker.domain.ReadinessReport.Check;
import dev.sitesync.worker.domain.SyncPolicy;
import dev.sitesync.worker.source.Onboarding;

/** What onboarding sets up on the site, as the site has it now: the external-ID field and the webhooks. */
@ApplicationScoped
public class SiteSetup {

    private static final String ONBOARD = "Onboard the site again (POST /ops/v1/onboard, role sync-admin)";

    private final WorkerConfig config;
    private final FrappeClient site;

    public SiteSetup(WorkerConfig config, FrappeClient site) {
        this.config = config;
        this.site = site;
    }

    Uni<Check> externalIdField(SyncPolicy policy) {
        String name = "external-id-field";
        List<String> problems = new ArrayList<>();
        return Multi.createFrom().iterable(policy.masters())
                .onItem().transformToUniAndConcatenate(doctype -> site.meta(doctype).invoke(meta -> {
                    JsonNode field = field(meta, CarriedExternalIds.FIELD);
                    if (field == null) {
                        problems.add(doctype + " has no " + CarriedExternalIds.FIELD + " field");
                        return;
                    }
                    List<String> missing = new ArrayList<>();
                    Map.of("read_only", "read-only", "unique", "unique", "no_copy", "no-copy").forEach((flag, word) -> {
                        if (field.path(flag).asInt(0) != 1) {
                            missing.add(word);
                        }
                    });
                    if (!missing.isEmpty()) {
                        problems.add(doctype + "'s " + CarriedExternalIds.FIELD + " is not " + String.join(", ",
                                missing.stream().sorted().toList()) + ": people can type or copy external IDs");
                    }
                }))
                .collect().asList()
                .map(done -> problems.isEmpty()
                        ? Check.ok(name, CarriedExternalIds.FIELD + " is read-only, unique and no-copy on "
                                + String.join(", ", policy.masters()))
                        : Check.notOk(name, String.join("; ", problems), ONBOARD
                                + ": it creates the field or restores its protection (if two documents share a "
                                + "value, clear one first)"))
                .onFailure().recoverWithItem(e -> Check.unreadable(name, e));
    }

    Uni<Check> webhooks(SyncPolicy policy) {
        String name = "webhooks";
        if (config.gatewayUrl().isEmpty() || config.frappe().webhookSecret().isEmpty()) {
            return Uni.createFrom().item(Check.notOk(name, "no gateway URL or webhook secret is configured: changes "
                    + "are captured by polling alone, seconds late",
                    "Set SITESYNC_WORKER_GATEWAY_URL and "
                            + "SITESYNC_WORKER_FRAPPE_WEBHOOK_SECRET, then onboard the site again"));
        }
        String url = config.gatewayUrl().get() + "/hooks/" + config.site();
        Set<String> captured = new LinkedHashSet<>(policy.masters());
        captured.addAll(policy.referenceOnly());
        return site.list(ListQuery.of("Webhook").fields("name", "webhook_doctype", "webhook_docevent", "enabled",
                "enable_security").where(Filter.eq("request_url", url)).unlimited()).map(hooks -> {
                    List<String> problems = new ArrayList<>();
                    for (String doctype : captured) {
                        for (String event : Onboarding.DOC_EVENTS) {
                            ObjectNode hook = hooks.stream().filter(h -> doctype.equals(h.path("webhook_doctype")
                                    .asText()) && event.equals(h.path("webhook_docevent").asText())).findFirst()
                                    .orElse(null);
                            if (hook == null) {
                                problems.add(doctype + " " + event + ": no webhook to " + url);
                            } else if (hook.path("enabled").asInt(0) != 1) {
                                problems.add(doctype + " " + event + ": webhook " + hook.path("name").asText()
                                        + " is disabled");
                            } else if (hook.path("enable_security").asInt(0) != 1) {
                                problems.add(doctype + " " + event + ": webhook " + hook.path("name").asText()
                                        + " is not signed (the gateway refuses it)");
                            }
                        }
                    }
                    return problems.isEmpty()
                            ? Check.ok(name, hooks.size() + " signed webhooks to " + url + " for " + captured.size()
                                    + " doctypes")
                            : Check.notOk(name, String.join("; ", problems), ONBOARD + " to create missing webhooks; "
                                    + "enable a disabled or unsigned one on the site with the site's webhook secret");
                }).onFailure().recoverWithItem(e -> Check.unreadable(name, e));
    }

    private static JsonNode field(JsonNode meta, String fieldname) {
        for (JsonNode field : meta.path("fields")) {
            if (fieldname.equals(field.path("fieldname").asText())) {
                return field;
            }
        }
        return null;
    }
}
