package dev.sitesync.console.client;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.sitesync.console.domain.Answer;
import dev.sitesync.console.domain.Conflict;
import dev.sitesync.console.domain.FieldDifferences;

/**
 * A site's conflicts from its worker's conflict API, made into what a page shows: both versions side by side with the
 * worker's differing fields first. Resolving goes to the worker, which records who decided what and why.
 */
@ApplicationScoped
public class Conflicts {

    private final ServiceClients services;

    public Conflicts(ServiceClients services) {
        this.services = services;
    }

    /** Conflicts of one status (OPEN, ACCEPTED_SOURCE, KEPT_TARGET), newest first. */
    public Uni<Answer<List<Conflict>>> list(String site, String status, String doctype, int limit) {
        return ServiceCalls.answer("The worker of " + site,
                () -> services.worker(site).conflicts(doctype, status, limit))
                .map(answer -> answer.map(page -> page.items().stream().map(view -> of(site, view)).toList()));
    }

    /** Resolves one conflict with a reason; the answer is the worker's account of it. */
    public Uni<Answer<Conflict>> resolve(String site, long id, String resolution, String reason) {
        return ServiceCalls.answer("The worker of " + site,
                () -> services.worker(site).resolveConflict(id, new WorkerApi.Resolution(resolution, reason)))
                .map(answer -> answer.map(view -> of(site, view)));
    }

    /** Resolves every open conflict the filter selects the same way, each recorded on its own. */
    public Uni<Answer<BulkAction.Result>> resolveAll(String site, String resolution, String reason,
            BulkAction.Filter filter) {
        return ServiceCalls.answer("The worker of " + site,
                () -> services.worker(site).resolveConflicts(new WorkerApi.BulkResolution(resolution, reason, filter)));
    }

    static Conflict of(String site, ConflictView view) {
        Set<String> differing = view.differences().stream().map(ConflictView.Difference::field)
                .collect(Collectors.toSet());
        return new Conflict(view.id(), site, view.externalId() == null ? null : view.externalId().toString(),
                view.doctype(), view.sourceSite(), view.sourceName(), view.localName(), view.sourceVersion(),
                view.targetModifiedBy(), view.targetModified(), view.createdAt(),
                FieldDifferences.of(view.sourceDocument(), view.targetDocument(), differing), view.status(),
                view.resolvedAt(), view.resolvedBy(), view.resolutionReason());
    }
}
