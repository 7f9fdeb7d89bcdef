package dev.sitesync.support.tracing;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Spans are always made and propagated (trace IDs in the logs, {@code traceparent} across services), but they leave
 * the process only when {@code OTEL_EXPORTER_OTLP_ENDPOINT} (or {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}) names a
 * collector. Left alone, quarkus-opentelemetry exports to localhost:4317 and logs every batch it fails to send; given
 * an endpoint that is blank once trimmed, it drops its exporter instead. {@code QUARKUS_OTEL_*} variables still win.
 */
public final class TraceExportConfigSource implements ConfigSource {

    static final String TRACES_ENDPOINT = "quarkus.otel.exporter.otlp.traces.endpoint";
    static final String TRACES_PROTOCOL = "quarkus.otel.exporter.otlp.traces.protocol";
    /** Above application.properties (250), below environment variables (300). */
    private static final int ORDINAL = 275;

    private final Map<String, String> values;

    public TraceExportConfigSource() {
        this(System.getenv());
    }

    TraceExportConfigSource(Map<String, String> environment) {
        String endpoint = firstSet(environment, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT");
        String protocol = firstSet(environment, "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL");
        values = protocol == null
                ? Map.of(TRACES_ENDPOINT, endpoint == null ? " " : endpoint)
                : Map.of(TRACES_ENDPOINT, endpoint == null ? " " : endpoint, TRACES_PROTOCOL, protocol);
    }

    private static String firstSet(Map<String, String> environment, String... names) {
        for (String name : names) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    @Override
    public Map<String, String> getProperties() {
        return values;
    }

    @Override
    public Set<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return values.get(propertyName);
    }

    @Override
    public String getName() {
        return "sitesync-trace-export";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
