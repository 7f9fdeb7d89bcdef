package dev.sitesync.gateway.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two webhooks the same delivery. Frappe's signature has no timestamp, so a captured webhook verifies
 * forever; it is recognised by the document, its version and the exact body.
 *
 * @param bodySha256 hex SHA-256 of the raw body
 */
public record ReplayKey(String site, String doctype, String name, String modified, String bodySha256) {

    public static ReplayKey of(String site, WebhookDocument document, byte[] body) {
        return new ReplayKey(site, document.doctype(), document.name(), document.modified(), sha256Hex(body));
    }

    public static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
