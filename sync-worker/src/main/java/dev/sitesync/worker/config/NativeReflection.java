package dev.sitesync.worker.config;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.sitesync.contracts.audit.AnchorRequest;
import dev.sitesync.contracts.audit.AuditAnchor;
import dev.sitesync.contracts.identity.IdentityKey;
import dev.sitesync.contracts.identity.IdentityView;
import dev.sitesync.contracts.identity.LinkRequest;
import dev.sitesync.contracts.identity.LinkResult;
import dev.sitesync.contracts.identity.ReferenceRequest;
import dev.sitesync.contracts.identity.ReferenceView;
import dev.sitesync.contracts.identity.ResolveRequest;
import dev.sitesync.contracts.identity.ResolveResponse;
import dev.sitesync.contracts.identity.ResolveResult;
import dev.sitesync.contracts.ownership.Decision;
import dev.sitesync.contracts.ownership.DecisionBatch;
import dev.sitesync.contracts.ownership.DecisionItem;
import dev.sitesync.contracts.ownership.DecisionResponse;
import dev.sitesync.contracts.sync.ChangeEnvelope;
import dev.sitesync.contracts.sync.EnvelopeReceipt;
import dev.sitesync.worker.store.AuditEntries;

/**
 * Records the worker reads and writes with its own ObjectMapper (service calls, envelopes stored as JSON, audit
 * exports), outside
 * any REST signature, so a native image keeps their constructors and accessors for Jackson.
 */
@RegisterForReflection(targets = {IdentityKey.class, IdentityView.class, LinkRequest.class, LinkResult.class,
        ReferenceRequest.class, ReferenceView.class, ResolveRequest.class, ResolveResponse.class, ResolveResult.class,
        Decision.class, DecisionBatch.class, DecisionItem.class, DecisionResponse.class, ChangeEnvelope.class,
        EnvelopeReceipt.class, AnchorRequest.class, AuditAnchor.class, AuditAnchor.Page.class, AuditEntries.View.class})
final class NativeReflection {

    private NativeReflection() {
    }
}
