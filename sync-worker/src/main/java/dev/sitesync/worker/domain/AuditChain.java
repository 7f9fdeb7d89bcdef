package dev.sitesync.worker.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The sync log's hash chain: each row's hash covers the previous row's hash and every field of the row, so changing,
 * removing or reordering any row breaks every hash after it. The trace ID, added later, is covered when present, so
 * rows written before it verify as they did.
 */
public final class AuditChain {

    /** The previous hash of the first row. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    public static String hash(String previousHash, AuditEntry entry) {
        StringBuilder canonical = new StringBuilder(256);
        // Length-prefixed fields: no separator inside a value can make two different rows read the same.
        for (Object field : new Object[]{previousHash, entry.at().truncatedTo(ChronoUnit.MICROS), entry.externalId(),
                entry.sourceSite(), entry.targetSite(), entry.doctype(), entry.localName(), entry.version(),
                entry.payloadHash(), entry.status(), entry.attempt(), entry.detail()}) {
            String value = Objects.toString(field, "");
            canonical.append(value.length()).append(':').append(value).append(';');
        }
        if (entry.traceId() != null) {
            canonical.append(entry.traceId().length()).append(':').append(entry.traceId()).append(';');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
