package dev.sitesync.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;

/** Every alert reaches its runbook, every runbook has its parts, and alerts and dashboard use the agreed metrics. */
class AlertsTest {

    static final Path RUNBOOKS = Chart.ROOT.resolve("docs/runbooks");
    static final String BASE = "https://github.com/sitesync/sitesync/blob/main/docs/runbooks/";

    /** The Prometheus names agreed across the project, and what kube-state-metrics and Prometheus provide. */
    static final Set<String> METRICS = Set.of("sitesync_worker_lag_seconds", "sitesync_worker_outbox_depth",
            "sitesync_worker_outbox_parked", "sitesync_worker_inbox_depth", "sitesync_worker_dead_letters_open",
            "sitesync_worker_conflicts_open", "sitesync_worker_retries_total", "sitesync_worker_deliveries_total",
            "sitesync_worker_envelopes_total", "sitesync_worker_circuit_open", "sitesync_worker_parked_total",
            "sitesync_worker_audit_chain_broken", "sitesync_worker_schema_mismatch", "sitesync_gateway_requests_total",
            "sitesync_gateway_jwks_failures_total", "sitesync_guard_findings_total", "sitesync_guard_audit_checks_total",
            "sitesync_guard_decisions_total", "sitesync_guard_review_queue_depth",
            "sitesync_guard_review_queue_oldest_seconds", "sitesync_guard_payments_total",
            "sitesync_guard_orders_created_total", "http_server_requests_seconds_count",
            "http_server_requests_seconds_bucket", "kube_pod_status_ready", "kube_pod_container_status_running", "up");
    static final List<String> SECTIONS = List.of("## Meaning", "## Impact", "## Diagnosis", "## Mitigation", "## Escalation");
    private static final Pattern METRIC = Pattern.compile(
            "\\b([a-z_]+(?:_total|_seconds|_depth|_open|_parked|_broken|_mismatch|_count|_bucket|_ready|_running)|up)\\s*[{(\\[]");

    private static List<Rule> alerts() {
        PrometheusRule rule = Chart.with("monitoring").render().all(PrometheusRule.class).get(0);
        List<Rule> alerts = new ArrayList<>();
        rule.getSpec().getGroups().forEach(group -> alerts.addAll(group.getRules()));
        return alerts;
    }

    @Test
    void everyAlertLinksARunbookWithMeaningImpactDiagnosisMitigationAndEscalation() throws IOException {
        List<Rule> alerts = alerts();

        assertThat(alerts).hasSizeGreaterThanOrEqualTo(16);
        for (Rule alert : alerts) {
            String url = alert.getAnnotations().get("runbook_url");
            assertThat(url).as(alert.getAlert()).isEqualTo(BASE + alert.getAlert() + ".md");
            Path runbook = RUNBOOKS.resolve(alert.getAlert() + ".md");
            assertThat(runbook).as("runbook of %s", alert.getAlert()).exists();
            String text = Files.readString(runbook);
            assertThat(text).startsWith("# " + alert.getAlert()).contains(SECTIONS);
            String diagnosis = text.substring(text.indexOf("## Diagnosis"), text.indexOf("## Mitigation"));
            assertThat(diagnosis).as("diagnosis of %s has commands", alert.getAlert()).containsAnyOf("kubectl", "curl");
            assertThat(alert.getLabels()).containsKey("severity");
            assertThat(alert.getAnnotations()).containsKeys("summary", "description");
        }
    }

    @Test
    void theAlertsTheIssueAsksForAreAllThere() {
        assertThat(alerts()).extracting(Rule::getAlert).contains("SiteSyncSyncLagHigh", "SiteSyncCircuitOpen",
                "SiteSyncDeadLettersGrowing", "SiteSyncConflictsGrowing", "SiteSyncDeliveriesParked",
                "SiteSyncAuditChainBroken", "SiteSyncSchemaMismatch", "SiteSyncWebhookSignatureFailures",
                "SiteSyncGateway5xxRate", "SiteSyncGateway429Rate", "SiteSyncGuardBlockRateSpike",
                "SiteSyncGuardReviewQueueGrowing", "SiteSyncGuardReviewQueueOld", "SiteSyncPaymentCallbacksFailing",
                "SiteSyncJwksUnreachable", "SiteSyncDatabaseUnreachable");
    }

    @Test
    void everyAlertRunbookBelongsToAnAlert() throws IOException {
        Set<String> alerts = new TreeSet<>();
        alerts().forEach(alert -> alerts.add(alert.getAlert()));
        try (Stream<Path> files = Files.list(RUNBOOKS)) {
            List<String> runbooks = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.startsWith("SiteSync")).map(name -> name.replace(".md", "")).toList();
            assertThat(alerts).containsAll(runbooks);
        }
    }

    @Test
    void alertExpressionsUseOnlyAgreedMetricsInTheReleaseNamespace() {
        for (Rule alert : alerts()) {
            String expr = alert.getExpr().getStrVal();
            assertThat(metrics(expr)).as(alert.getAlert()).isNotEmpty().isSubsetOf(METRICS);
            assertThat(expr).as(alert.getAlert()).contains("namespace=\"" + Chart.NAMESPACE + "\"");
        }
    }

    @Test
    void anExcludedAlertIsLeftOut() {
        PrometheusRule rule = Chart.with("monitoring")
                .set("monitoring.prometheusRule.excludeRules[0]", "SiteSyncGateway429Rate")
                .render().all(PrometheusRule.class).get(0);

        assertThat(rule.getSpec().getGroups()).flatExtracting(group -> group.getRules()).extracting(Rule::getAlert)
                .doesNotContain("SiteSyncGateway429Rate").contains("SiteSyncGateway5xxRate");
    }

    @Test
    void theDashboardShowsThroughputLagQueuesErrorsVerdictsAndGatewayTraffic() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(Chart.DIR.resolve("files/dashboards/sitesync.json")));
        Set<String> used = new TreeSet<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(target -> {
            Set<String> metrics = metrics(target.path("expr").asText());
            assertThat(metrics).as(panel.path("title").asText()).isNotEmpty().isSubsetOf(METRICS);
            used.addAll(metrics);
        }));

        assertThat(used).contains("sitesync_worker_deliveries_total", "sitesync_worker_lag_seconds",
                "sitesync_worker_outbox_depth", "sitesync_worker_inbox_depth", "sitesync_worker_dead_letters_open",
                "sitesync_guard_decisions_total", "sitesync_gateway_requests_total");
        assertThat(Chart.with("monitoring").render().get("ConfigMap", "sitesync-dashboard").label("grafana_dashboard"))
                .isEqualTo("1");
    }

    private static Set<String> metrics(String expression) {
        Set<String> metrics = new TreeSet<>();
        Matcher matcher = METRIC.matcher(expression);
        while (matcher.find()) {
            metrics.add(matcher.group(1));
        }
        return metrics;
    }
}
