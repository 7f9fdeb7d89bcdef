package dev.sitesync.ownership.store;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import dev.sitesync.ownership.domain.OwnershipTransfers;
import dev.sitesync.ownership.domain.PolicyDiff;
import dev.sitesync.ownership.domain.PolicyDocument;
import dev.sitesync.ownership.domain.PolicyError;
import dev.sitesync.ownership.domain.PolicyReader;
import dev.sitesync.ownership.domain.TransferRequiredException;

/**
 * Applies a policy document as the next revision: validated whole, checked for unannounced owner flips against the
 * current revision, diffed, and appended only if the current revision is still the one the caller based it on.
 */
@ApplicationScoped
public class PolicyUpdates {

    private static final Logger LOG = Logger.getLogger(PolicyUpdates.class);

    private final Pool pool;
    private final PolicyRevisions revisions;
    private final PolicyReader reader;
    private final ObjectMapper json;

    public PolicyUpdates(Pool pool, PolicyRevisions revisions, PolicyReader reader, ObjectMapper json) {
        this.pool = pool;
        this.revisions = revisions;
        this.reader = reader;
        this.json = json;
    }

    /** A proposed revision: the document, on which version it is based (0 for the first), by whom and why. */
    public record Proposal(String yaml, int basedOn, String author, String reason, String fileSha256) {
    }

    /**
     * The appended revision; {@link dev.sitesync.ownership.domain.InvalidPolicyException} when the document is invalid,
     * {@link TransferRequiredException} for an unannounced owner flip, {@link StalePolicyVersionException} when
     * {@code basedOn} is not the latest version.
     */
    public Uni<StoredRevision> apply(Proposal proposal) {
        PolicyDocument next = reader.read(proposal.yaml());
        return pool.withTransaction(connection -> revisions.latest(connection).flatMap(latest -> {
            int latestVersion = latest.map(StoredRevision::version).orElse(0);
            if (latestVersion != proposal.basedOn()) {
                throw new StalePolicyVersionException(proposal.basedOn(), latestVersion);
            }
            Optional<PolicyDocument> current = latest.map(revision -> reader.read(revision.document()));
            current.ifPresent(document -> requireDeclaredTransfers(document, next));
            String diff = diff(current.map(PolicyDocument::tree).orElse(null), next.tree());
            int version = latestVersion + 1;
            return revisions.append(connection, version, proposal.author(), proposal.reason(), proposal.yaml(), diff,
                    proposal.fileSha256()).map(createdAt -> {
                        if (createdAt.isEmpty()) {
                            throw new StalePolicyVersionException(proposal.basedOn(), version);
                        }
                        LOG.infof("Policy version %d applied by %s: %s", version, proposal.author(), proposal.reason());
                        return new StoredRevision(version, proposal.author(), proposal.reason(), createdAt.get(),
                                proposal.yaml(), diff, proposal.fileSha256());
                    });
        }));
    }

    private static void requireDeclaredTransfers(PolicyDocument current, PolicyDocument next) {
        List<PolicyError> flips = OwnershipTransfers.undeclared(current.policy(), next);
        if (!flips.isEmpty()) {
            throw new TransferRequiredException(flips);
        }
    }

    private String diff(JsonNode before, JsonNode after) {
        try {
            return json.writeValueAsString(PolicyDiff.between(before, after));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the policy diff", e);
        }
    }
}
