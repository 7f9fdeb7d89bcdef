package dev.sitesync.console.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;

import dev.sitesync.console.client.AuditEntry;
import dev.sitesync.console.client.Page;
import dev.sitesync.console.client.ServiceCalls;
import dev.sitesync.console.client.ServiceClients;
import dev.sitesync.console.config.ConsoleConfig;
import dev.sitesync.console.domain.Answer;
import dev.sitesync.console.domain.SearchTime;
import dev.sitesync.console.domain.ServiceFailure;
import dev.sitesync.contracts.problem.ProblemType;
import dev.sitesync.support.problem.ProblemException;

/**
 * The audit log of one site's worker: searched by external ID, the other site, doctype, status and time, newest first,
 * and its hash chain verified on request against the heads anchored with ownership-service. Reading only.
 */
@Path("/console/audit")
@Produces(MediaType.TEXT_HTML)
public class AuditResource {

    /** The search as the person filled it in (kept in the form); {@code before} pages back through older entries. */
    public record Search(String site, String externalId, String peer, String doctype, String status, String from,
            String to, Long before) {

        public boolean asked() {
            return externalId != null || peer != null || doctype != null || status != null || from != null
                    || to != null;
        }
    }

    /** The search's entries (null when not asked or not answered) and the next page's {@code before}. */
    public record Entries(List<AuditEntry> items, Long next, ServiceFailure failure) {
    }

    private static final int LIMIT = 100;

    private final ConsoleConfig config;
    private final ServiceClients services;

    public AuditResource(ConsoleConfig config, ServiceClients services) {
        this.config = config;
        this.services = services;
    }

    @GET
    public Uni<TemplateInstance> page(@QueryParam("site") String site, @QueryParam("externalId") String externalId,
            @QueryParam("peer") String peer, @QueryParam("doctype") String doctype, @QueryParam("status") String status,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("before") String before) {
        String chosen = site == null || site.isBlank() ? config.sites().get(0) : services.site(site.strip());
        Search search = new Search(chosen, FailuresResource.blank(externalId), FailuresResource.blank(peer),
                FailuresResource.blank(doctype), FailuresResource.blank(status), FailuresResource.blank(from),
                FailuresResource.blank(to), entryId(FailuresResource.blank(before)));
        return entries(search).map(entries -> Pages.audit(search, entries, null, null, config.sites(), STATUSES));
    }

    /**
     * Walks the chain of the site's sync log, the whole of it or ({@code from=latest}) what followed the newest head
     * anchored with ownership-service; the worker names the first entry altered, removed or reordered.
     */
    @GET
    @Path("/verify")
    public Uni<TemplateInstance> verify(@QueryParam("site") String site, @QueryParam("from") String from) {
        String chosen = services.site(site == null ? "" : site.strip());
        Search search = new Search(chosen, null, null, null, null, null, null, null);
        String start = "latest".equals(from) ? from : null;
        return ServiceCalls.answer(Sites.worker(chosen), () -> services.worker(chosen).verifyAudit(start))
                .map(verification -> Pages.audit(search, new Entries(null, null, null), verification.value(),
                        verification.failure(), config.sites(), STATUSES));
    }

    private Uni<Entries> entries(Search search) {
        if (!search.asked()) {
            return Uni.createFrom().item(new Entries(null, null, null));
        }
        return ServiceCalls.answer(Sites.worker(search.site()), () -> services.worker(search.site()).auditEntries(
                search.externalId(), search.peer(), search.doctype(), search.status(),
                SearchTime.withOffset(search.from()), SearchTime.withOffset(search.to()), search.before(), LIMIT))
                .map(AuditResource::entries);
    }

    private static Entries entries(Answer<Page<AuditEntry>> answer) {
        return answer.ok()
                ? new Entries(answer.value().items(), answer.value().next(), null)
                : new Entries(null, null, answer.failure());
    }

    private static Long entryId(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ProblemException(ProblemType.INVALID_REQUEST,
                    "'" + value + "' is not an audit entry's ID; follow the page's link to older entries.");
        }
    }

    /** The sync log's statuses (the worker's SyncStatus), for the search's choice. */
    static final List<String> STATUSES = List.of("QUEUED", "UNCHANGED", "REFERENCED", "REFUSED", "OWNERSHIP_VIOLATION",
            "DELIVERED", "DELIVERY_PARKED", "RECEIVED", "DUPLICATE", "APPLIED", "DISABLED", "LINK_REFUSED",
            "SKIPPED_OLDER", "MISSING_DEPENDENCY", "RETRY", "DEAD_LETTER", "CONCURRENT_UPDATE", "CONFLICT_RAISED",
            "CONFLICT_RESOLVED", "DEAD_LETTER_RETRIED", "DEAD_LETTER_DISCARDED", "DELIVERY_RETRIED",
            "DELIVERY_DISCARDED");
}
