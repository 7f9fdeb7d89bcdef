package dev.sitesync.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsTextTest {

    private static final String EXPOSITION = """
            # HELP sitesync_worker_envelopes_total Changes by outcome
            # TYPE sitesync_worker_envelopes_total counter
            sitesync_worker_envelopes_total{doctype="Item",outcome="applied",site="north"} 12.0
            sitesync_worker_envelopes_total{doctype="UOM",outcome="applied",site="north"} 3.0 # {trace_id="abc"} 1.0 1700000000.000
            sitesync_worker_envelopes_total{doctype="Item",outcome="dead_letter",site="north"} 2.0
            sitesync_worker_lag_seconds{direction="inbound",doctype="Item",peer="central",site="north"} 4.5
            sitesync_worker_lag_seconds{direction="outbound",doctype="Customer",peer="central",site="north"} 9.25
            label_with_braces{detail="a } and \\" inside",site="north"} 7
            process_uptime_seconds 120.5
            broken_line{site="north" 5
            not_a_number{site="north"} many
            """;

    @Test
    void sumsTheSamplesOfAMetricWhoseLabelsMatchSkippingExemplars() {
        MetricsText text = MetricsText.parse(EXPOSITION);

        assertThat(text.sum("sitesync_worker_envelopes_total", labels -> "applied".equals(labels.get("outcome"))))
                .isEqualTo(15.0);
    }

    @Test
    void takesTheLargestSampleOfAGauge() {
        MetricsText text = MetricsText.parse(EXPOSITION);

        assertThat(text.max("sitesync_worker_lag_seconds", labels -> true)).isEqualTo(9.25);
    }

    @Test
    void readsQuotedBracesAndEscapesInLabelValuesAndMetricsWithoutLabels() {
        MetricsText text = MetricsText.parse(EXPOSITION);

        assertThat(text.sum("label_with_braces", labels -> "a } and \" inside".equals(labels.get("detail"))))
                .isEqualTo(7.0);
        assertThat(text.sum("process_uptime_seconds", labels -> labels.isEmpty())).isEqualTo(120.5);
    }

    @Test
    void linesThatDoNotParseAreIgnoredAndAMissingMetricIsZero() {
        MetricsText text = MetricsText.parse(EXPOSITION);

        assertThat(text.has("broken_line")).isFalse();
        assertThat(text.has("not_a_number")).isFalse();
        assertThat(text.sum("sitesync_worker_deliveries_total", labels -> true)).isZero();
    }
}
