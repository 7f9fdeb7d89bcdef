package dev.sitesync.ownership.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

import dev.sitesync.ownership.store.PolicyRevisions;
import dev.sitesync.ownership.store.PolicyUpdates;
import dev.sitesync.ownership.store.PolicyUpdates.Proposal;
import dev.sitesync.ownership.store.StalePolicyVersionException;
import dev.sitesync.ownership.store.StoredRevision;

/**
 * Applies the policy file at start. An empty database gets it as revision 1. Afterwards the file is applied again only
 * when its content changed since it was last applied (a new ConfigMap rolled out), so changes made through the API
 * survive restarts with the same file. An invalid file, or one that flips an owner without a transfer, stops the
 * start: the replicas still running keep serving the policy they have.
 */
@ApplicationScoped
public class PolicyFileLoader {

    private static final String AUTHOR = "policy-file";

    private static final Logger LOG = Logger.getLogger(PolicyFileLoader.class);

    private final OwnershipConfig config;
    private final PolicyRevisions revisions;
    private final PolicyUpdates updates;

    public PolicyFileLoader(OwnershipConfig config, PolicyRevisions revisions, PolicyUpdates updates) {
        this.config = config;
        this.revisions = revisions;
        this.updates = updates;
    }

    void onStart(@Observes StartupEvent event) {
        load(config.policyFile());
    }

    /** Applies the file unless it is the one last applied; waits until done. */
    void load(Path file) {
        String yaml = read(file);
        String sha256 = sha256(yaml);
        // replicas starting together with a new file race for the same version; the loser finds the file applied
        applyUnlessCurrent(file, yaml, sha256).onFailure(StalePolicyVersionException.class).retry().atMost(3)
                .await().atMost(Duration.ofMinutes(1));
    }

    private Uni<Void> applyUnlessCurrent(Path file, String yaml, String sha256) {
        return revisions.list().flatMap(all -> {
            Optional<StoredRevision> lastFromFile = all.stream().filter(revision -> revision.fileSha256() != null)
                    .findFirst();
            if (lastFromFile.filter(revision -> revision.fileSha256().equals(sha256)).isPresent()) {
                LOG.infof("Policy file %s unchanged since version %d applied it; policy version %d is in force",
                        file, lastFromFile.get().version(), all.get(0).version());
                return Uni.createFrom().voidItem();
            }
            int latest = all.isEmpty() ? 0 : all.get(0).version();
            String reason = latest == 0
                    ? "initial policy from " + file
                    : "policy file " + file + " changed (sha-256 " + sha256.substring(0, 12) + ")";
            return updates.apply(new Proposal(yaml, latest, AUTHOR, reason, sha256)).replaceWithVoid();
        });
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the policy file " + file
                    + "; set SITESYNC_OWNERSHIP_POLICY_FILE to the policy YAML", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
