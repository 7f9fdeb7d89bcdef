package dev.sitesync.worker.domain;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sitesync.contracts.sync.ChangeEnvelope;

/**
 * Whether a consumer may take an envelope from the worker that sent it. The token says who sends; the envelope only
 * claims where the document comes from, so the claim is checked: the sender must be the worker of the envelope's
 * {@code sourceSite}, and under the policy the consumer holds the doctype must be a MASTER that site owns (for a
 * federated doctype, the document's scope value must name that site). Pure: the same inputs give the same verdict.
 */
public final class EnvelopeTrust {

    /** Why an envelope was refused; each is a stable name in the sync log. */
    public enum Refusal {
        /** The token is not the one of the worker of the site the envelope claims to come from. */
        NOT_THE_SOURCE_WORKER,
        /** The doctype is not a MASTER under the policy (a ledger, a transaction, unknown): it never travels. */
        NOT_A_MASTER,
        /** The doctype is a MASTER, but not one the claimed source owns. */
        NOT_THE_OWNER
    }

    /** A refusal and what it means for this envelope, for the sender's operators and the sync log. */
    public record Verdict(Refusal refusal, String detail) {
    }

    private final String workerClientPattern;

    /** @param workerClientPattern the OIDC client of a site's worker, {@code {site}} standing for its code */
    public EnvelopeTrust(String workerClientPattern) {
        this.workerClientPattern = workerClientPattern;
    }

    /** The client the worker of {@code site} holds its tokens as. */
    public String workerClientOf(String site) {
        return workerClientPattern.replace("{site}", site);
    }

    /** Empty when the envelope may be taken from this caller; else why not. */
    public Optional<Verdict> judge(String callerClient, SyncPolicy policy, ChangeEnvelope envelope) {
        String source = envelope.sourceSite();
        String expected = workerClientOf(source);
        String what = envelope.doctype() + " " + envelope.externalId();
        if (!expected.equals(callerClient)) {
            return refuse(Refusal.NOT_THE_SOURCE_WORKER, what + " claims to come from site '" + source
                    + "', whose worker is client '" + expected + "', but the token was issued to '" + callerClient
                    + "'; a worker sends only its own site's documents.");
        }
        Optional<SyncPolicy.Domain> domain = policy.domain(envelope.doctype());
        if (domain.isEmpty() || !domain.get().isMaster()) {
            String classed = domain.map(d -> "is " + d.dataClass()).orElse("is not named (so NEVER)");
            return refuse(Refusal.NOT_A_MASTER, what + " from '" + source + "': under policy revision "
                    + policy.version() + " " + envelope.doctype() + " " + classed
                    + "; only MASTER doctypes are synchronised.");
        }
        SyncPolicy.Domain master = domain.get();
        if (master.scopeField() == null) {
            if (source.equals(master.owner())) {
                return Optional.empty();
            }
            return refuse(Refusal.NOT_THE_OWNER, what + ": under policy revision " + policy.version() + " "
                    + envelope.doctype() + " is owned by '" + master.owner() + "', not by '" + source + "'.");
        }
        return federated(master, policy.version(), envelope, what);
    }

    /**
     * A federated doctype: an upsert's scope value must name the source; a delete carries no payload, so it is taken
     * from any of the doctype's owners (the consumer only disables a copy it holds from that source).
     */
    private static Optional<Verdict> federated(SyncPolicy.Domain master, int version, ChangeEnvelope envelope,
            String what) {
        String source = envelope.sourceSite();
        if (envelope.operation() == ChangeEnvelope.Operation.DELETE || envelope.payload() == null) {
            return master.federatedOwners().containsValue(source)
                    ? Optional.empty()
                    : refuse(Refusal.NOT_THE_OWNER, what + ": under policy revision " + version + " "
                            + envelope.doctype() + " is owned by " + master.federatedOwners().values()
                            + ", not by '" + source + "'.");
        }
        JsonNode value = envelope.payload().path(master.scopeField());
        String owner = value.isTextual() ? master.federatedOwners().get(value.asText()) : null;
        if (source.equals(owner)) {
            return Optional.empty();
        }
        return refuse(Refusal.NOT_THE_OWNER, what + ": under policy revision " + version + " a " + envelope.doctype()
                + " with " + master.scopeField() + " '" + value.asText("") + "' is owned by "
                + (owner == null ? "no site" : "'" + owner + "'") + ", not by '" + source + "'.");
    }

    private static Optional<Verdict> refuse(Refusal refusal, String detail) {
        return Optional.of(new Verdict(refusal, detail));
    }
}
