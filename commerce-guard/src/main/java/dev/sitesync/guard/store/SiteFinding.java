package dev.sitesync.guard.store;

import dev.sitesync.guard.domain.Finding;

/**
 * A finding about a site's documents (from an audit or a payment), about one subject: the document or pair it
 * concerns, e.g. {@code Bin SKU-001 @ Stores - DC}. The same (site, rule, subject) found again is the same finding.
 *
 * @param source {@code audit} or {@code payment}
 */
public record SiteFinding(String site, String source, String subject, Finding finding) {

    public static final String AUDIT = "audit";
    public static final String PAYMENT = "payment";
}
