package dev.sitesync.guard.audit;

import io.smallrye.mutiny.Uni;

/** One scheduled control over a site's documents, raising a finding for each document that fails it. */
public interface AuditCheck {

    /** The rule its findings carry, e.g. {@code negative-stock}. */
    String rule();

    /** The doctype it reads; a site that does not expose it to the guard skips the check. */
    String doctype();

    Uni<CheckResult> run(AuditScope scope);
}
