package dev.sitesync.worker.tracing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.MDC;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.mutiny.Uni;

import dev.sitesync.contracts.sync.Traceparent;

/**
 * One trace per change across processes although the hops between them are queues: the worker keeps each change's
 * W3C {@code traceparent} with its event, envelope and log rows, and starts the spans of later steps ({@code capture},
 * {@code decide}, {@code identify}, {@code deliver}, {@code apply}, {@code write}) from it explicitly, never from a
 * thread's current span, which batched and reactive work would mix up. Work for several documents at once is a child
 * of the first traced one and links the others.
 */
@ApplicationScoped
public class SyncTraces {

    public static final String SITE = "sitesync.site";
    public static final String DOCTYPE = "sitesync.doctype";
    public static final String EXTERNAL_ID = "sitesync.external_id";
    public static final String DOCUMENTS = "sitesync.documents";
    private static final int MAX_LINKS = 32;
    private static final TextMapGetter<String> TRACEPARENT = new TextMapGetter<>() {

        @Override
        public Iterable<String> keys(String carrier) {
            return List.of("traceparent");
        }

        @Override
        public String get(String carrier, String key) {
            return "traceparent".equals(key) ? carrier : null;
        }
    };

    private final Tracer tracer;

    public SyncTraces(Tracer tracer) {
        this.tracer = tracer;
    }

    /** A span in the trace of {@code parent} (a traceparent, or null for a trace of its own). */
    public Span start(String name, SpanKind kind, String parent) {
        return builder(name, kind, parent).startSpan();
    }

    /** A span of work for several documents: in the trace of the first traced one, linked to the others. */
    public Span startBatch(String name, SpanKind kind, Collection<String> parents) {
        List<String> traced = parents.stream().filter(Objects::nonNull).distinct().toList();
        SpanBuilder builder = builder(name, kind, traced.isEmpty() ? null : traced.get(0));
        for (String other : traced.subList(Math.min(1, traced.size()), Math.min(traced.size(), MAX_LINKS + 1))) {
            builder.addLink(Span.fromContext(context(other)).getSpanContext());
        }
        return builder.setAttribute(DOCUMENTS, parents.size()).startSpan();
    }

    /** Ends the span when the work ends, recording a failure as the span's error. */
    public static <T> Uni<T> endWith(Span span, Uni<T> work) {
        return work.onItemOrFailure().invoke((item, failure) -> {
            if (failure != null) {
                span.recordException(failure).setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
            }
            span.end();
        });
    }

    /** The span's context as a traceparent, or null for a span that is not recorded anywhere. */
    public static String traceparent(Span span) {
        SpanContext context = span.getSpanContext();
        return context.isValid() ? Traceparent.of(context.getTraceId(), context.getSpanId(), context.isSampled()) : null;
    }

    /** The traceparent of the request being served on this thread, if it is traced. */
    public static String current() {
        return traceparent(Span.current());
    }

    /** Runs a log statement with the document's external ID and trace ID in the log line's MDC. */
    public static void logFor(UUID externalId, String traceId, Runnable log) {
        List<String> added = new ArrayList<>(2);
        if (externalId != null) {
            MDC.put("externalId", externalId.toString());
            added.add("externalId");
        }
        if (traceId != null && MDC.get("traceId") == null) {
            MDC.put("traceId", traceId);
            added.add("traceId");
        }
        try {
            log.run();
        } finally {
            added.forEach(MDC::remove);
        }
    }

    private SpanBuilder builder(String name, SpanKind kind, String parent) {
        SpanBuilder builder = tracer.spanBuilder(name).setSpanKind(kind);
        return parent == null ? builder.setNoParent() : builder.setParent(context(parent));
    }

    private static Context context(String traceparent) {
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, TRACEPARENT);
    }
}
