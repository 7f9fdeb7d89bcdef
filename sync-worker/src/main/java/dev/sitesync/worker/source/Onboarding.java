package dev.sitesync.worker.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.sitesync.frappe.client.CustomFieldSpec;
import dev.sitesync.frappe.client.Filter;
import dev.sitesync.frappe.client.FrappeClient;
import dev.sitesync.frappe.client.FrappeException;
import dev.sitesync.frappe.client.ListQuery;
import dev.sitesync.frappe.client.WebhookSpec;
import dev.sitesync.worker.client.OwnershipClient;
import dev.sitesync.worker.client.PolicyCache;
import dev.sitesync.worker.config.WorkerConfig;
import dev.sitesync.worker.domain.CarriedExternalIds;
import dev.sitesync.worker.domain.ReadinessReport;
import dev.sitesync.worker.domain.SchemaFingerprint;
import dev.sitesync.worker.readiness.SiteReadiness;
import dev.sitesync.worker.schema.SchemaWatch;
import dev.sitesync.worker.store.SchemaStates;

/**
 * Onboards the site, idempotently: proves the credentials, reads the versions, creates (or repairs) the external-ID
 * custom field on every synchronized doctype, read-only, unique and not copied by a duplicate, creates the webhooks
 * for the doctypes it captures, and records versions and DocType meta hashes with ownership-service (which blocks
 * doctypes whose schema is out of range). Then it records the baseline schema of every doctype the site receives and
 * answers the go-live checklist, which it logs.
 */
@ApplicationScoped
public class Onboarding {

    private static final Logger LOG = Logger.getLogger(Onboarding.class);

    /** Frappe runs {@code on_update} after every insert, save and submit, so it alone sends each new version once. */
    public static final List<String> DOC_EVENTS = List.of("on_update", "on_trash");
    /** Events earlier onboardings subscribed to: {@code after_insert} sent every new document a second time. */
    static final List<String> RETIRED_EVENTS = List.of("after_insert");
    static final List<String> WEBHOOK_FIELDS = List.of("doctype", "name", "modified");

    private final WorkerConfig config;
    private final FrappeClient site;
    private final PolicyCache policies;
    private final OwnershipClient ownership;
    private final SchemaWatch schemas;
    private final SiteReadiness readiness;

    public Onboarding(WorkerConfig config, FrappeClient site, PolicyCache policies, OwnershipClient ownership,
            SchemaWatch schemas, SiteReadiness readiness) {
        this.config = config;
        this.site = site;
        this.policies = policies;
        this.ownership = ownership;
        this.schemas = schemas;
        this.readiness = readiness;
    }

    /**
     * What onboarding found and did.
     *
     * @param customFieldsRepaired doctypes whose external-ID field existed without its protection and got it
     * @param problems what onboarding could not do, and what to do about it (onboarding goes on with the rest)
     * @param readiness the go-live checklist once onboarding is done
     */
    public record Report(String site, String user, Map<String, String> versions, List<String> customFieldsCreated,
            List<String> customFieldsRepaired, List<String> webhooksCreated, List<String> problems,
            JsonNode ownership, ReadinessReport readiness) {
    }

    public Uni<Report> run() {
        return site.loggedUser().flatMap(user -> site.versions().flatMap(apps -> policies.current().flatMap(policy -> {
            Map<String, String> versions = new LinkedHashMap<>();
            apps.forEach((app, version) -> versions.put(app, version.version()));
            Set<String> synced = new LinkedHashSet<>(policy.masters());
            Set<String> captured = new LinkedHashSet<>(policy.masters());
            captured.addAll(policy.referenceOnly());
            List<String> fieldsCreated = new ArrayList<>();
            List<String> fieldsRepaired = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            List<String> hooksCreated = new ArrayList<>();
            Map<String, Object> doctypes = new LinkedHashMap<>();
            return Multi.createFrom().iterable(synced)
                    .onItem().transformToUniAndConcatenate(doctype -> ensureExternalIdField(doctype, fieldsCreated,
                            fieldsRepaired, problems)
                            .invoke(meta -> doctypes.put(doctype, Map.of("metaHash",
                                    SchemaFingerprint.from(doctype, meta).hash(), "externalIdField",
                                    true))))
                    .collect().last()
                    .flatMap(x -> Multi.createFrom().iterable(captured)
                            .onItem().transformToUniAndConcatenate(doctype -> ensureWebhooks(doctype, user,
                                    hooksCreated))
                            .collect().last())
                    .flatMap(x -> ownership.reportOnboarding(config.site(), Map.of("versions", versions, "doctypes",
                            doctypes)))
                    .flatMap(answer -> schemas.checkAll(SchemaStates.Cause.ONBOARDING)
                            .flatMap(states -> readiness.check())
                            .invoke(ready -> LOG.infof("Go-live check of %s after onboarding: %s%n%s", config.site(),
                                    ready.ready() ? "ready" : "NOT READY", ready.summary()))
                            .map(ready -> new Report(config.site(), user, versions, fieldsCreated, fieldsRepaired,
                                    hooksCreated, problems, answer, ready)));
        })));
    }

    /**
     * The field that carries each document's external ID on this site; only SiteSync writes it. A site that cannot
     * make it unique (two documents already share a value) keeps it as it is, and the report says what to clear.
     */
    private Uni<ObjectNode> ensureExternalIdField(String doctype, List<String> created, List<String> repaired,
            List<String> problems) {
        return site.ensureCustomField(CustomFieldSpec.protectedData(doctype, CarriedExternalIds.FIELD,
                "SiteSync External ID"))
                .invoke(change -> {
                    if (change == FrappeClient.CustomFieldChange.CREATED) {
                        created.add(doctype);
                    } else if (change == FrappeClient.CustomFieldChange.REPAIRED) {
                        repaired.add(doctype);
                    }
                })
                .onFailure(e -> e instanceof FrappeException f && !f.retryable()).recoverWithItem(failure -> {
                    problems.add(doctype + ": the external-ID field could not be made read-only, unique and no-copy ("
                            + failure.getMessage() + "); clear the values two documents share, then onboard again");
                    return null;
                })
                .flatMap(x -> site.meta(doctype));
    }

    /**
     * A webhook per event, to the gateway. Inserts and updates made by the sync user are this worker's own writes: the
     * condition keeps the site from sending them, so each applied document costs no webhook, intake and read back. A
     * delete is sent whoever saved the document last (its {@code modified_by} does not say who deleted it).
     */
    private Uni<Void> ensureWebhooks(String doctype, String user, List<String> created) {
        if (config.gatewayUrl().isEmpty() || config.frappe().webhookSecret().isEmpty()) {
            return Uni.createFrom().voidItem(); // polling alone captures changes until a gateway is configured
        }
        String url = config.gatewayUrl().get() + "/hooks/" + config.site();
        return Multi.createFrom().iterable(DOC_EVENTS).onItem().transformToUniAndConcatenate(event -> {
            // the gateway needs the doctype in the body: the URL names only the site
            WebhookSpec spec = new WebhookSpec(doctype, event, url, WEBHOOK_FIELDS,
                    config.frappe().webhookSecret().get(), Map.of("Content-Type", "application/json"));
            WebhookSpec wanted = "on_trash".equals(event) ? spec : spec.withCondition(WebhookSpec.notModifiedBy(user));
            return site.list(ListQuery.of("Webhook").fields("name", "condition").where(Filter.eq("webhook_doctype",
                    doctype), Filter.eq("webhook_docevent", event), Filter.eq("request_url", url)))
                    .flatMap(existing -> {
                        if (existing.isEmpty()) {
                            created.add(doctype + " " + event);
                            return site.createWebhook(wanted).replaceWithVoid();
                        }
                        String condition = wanted.condition() == null ? "" : wanted.condition();
                        if (condition.equals(existing.get(0).path("condition").asText(""))) {
                            return Uni.createFrom().voidItem();
                        }
                        // a webhook made before own writes were filtered at the site
                        created.add(doctype + " " + event + " (condition set)");
                        return site.update("Webhook", existing.get(0).path("name").asText(),
                                JsonNodeFactory.instance.objectNode().put("condition", condition)).replaceWithVoid();
                    });
        }).collect().last().flatMap(x -> retireWebhooks(doctype, url, created));
    }

    private Uni<Void> retireWebhooks(String doctype, String url, List<String> changed) {
        return Multi.createFrom().iterable(RETIRED_EVENTS).onItem().transformToUniAndConcatenate(event -> site
                .list(ListQuery.of("Webhook").fields("name").where(Filter.eq("webhook_doctype", doctype),
                        Filter.eq("webhook_docevent", event), Filter.eq("request_url", url)))
                .flatMap(retired -> Multi.createFrom().iterable(retired)
                        .onItem().transformToUniAndConcatenate(hook -> site.delete("Webhook", hook.path("name").asText())
                                .invoke(() -> changed.add(doctype + " " + event + " (removed: on_update sends inserts)")))
                        .collect().last()))
                .collect().last().replaceWithVoid();
    }
}
