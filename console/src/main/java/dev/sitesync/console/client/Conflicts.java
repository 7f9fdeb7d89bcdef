package dev.sitesync.console.client;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

import dev.sitesync.console.domain.Answer;
import dev.sitesync.console.domain.Conflict;
import dev.sitesync.console.domain.FieldDifferences;
import dev.sitesync.console.domain.ServiceFailure;

/**
 * A site's conflicts, from its worker's conflict API where it has one (both versions side by side), otherwise from its
 * dead letters of reason {@code CONCURRENT_UPDATE}, where accepting the owner's version is a retry (the owner's
 * version is written over the local edit) and keeping the site's is a discard (the owner's next change conflicts
 * again). Either way the worker records who decided what and why.
 */
@ApplicationScoped
public class Conflicts {

    private static final int LIMIT = 200;

    private final ServiceClients services;

    public Conflicts(ServiceClients services) {
        this.services = services;
    }

    /** Open conflicts ({@code state=open}) or decided ones ({@code resolved}), newest first. */
    public Uni<Answer<List<Conflict>>> list(String site, String state, String doctype) {
        String service = "The worker of " + site;
        WorkerApi worker = services.worker(site);
        return ServiceCalls.answer(service, () -> worker.conflicts(state, doctype, LIMIT)).flatMap(answer -> {
            if (offered(answer)) {
                return Uni.createFrom().item(answer.map(json -> fromConflictApi(site, json)));
            }
            return ServiceCalls.answer(service, () -> worker.deadLetters(doctype, state, null, LIMIT))
                    .map(letters -> letters.map(page -> page.items().stream()
                            .filter(letter -> DeadLetter.CONFLICT.equals(letter.reason()))
                            .map(letter -> fromDeadLetter(site, letter)).toList()));
        });
    }

    /** Resolves one conflict with a reason; the answer is the worker's own account of what it did. */
    public Uni<Answer<String>> resolve(String site, long id, String resolution, String reason) {
        String service = "The worker of " + site;
        WorkerApi worker = services.worker(site);
        return ServiceCalls.answer(service, () -> worker.resolveConflict(id, new WorkerApi.Resolution(resolution, reason)))
                .flatMap(answer -> {
                    if (offered(answer)) {
                        return Uni.createFrom().item(answer.map(json -> "Conflict " + id + " resolved: " + resolution));
                    }
                    String action = Conflict.ACCEPT_SOURCE.equals(resolution) ? "retry" : "discard";
                    return ServiceCalls.answer(service,
                            () -> worker.decideDeadLetter(id, action, new OperatorAction(reason)))
                            .map(decided -> decided.map(letter -> "Conflict " + id + " on " + site + " resolved ("
                                    + resolution + ") by " + letter.resolvedBy() + ": " + letter.resolutionReason()));
                });
    }

    private static boolean offered(Answer<?> answer) {
        return answer.ok() || answer.failure().kind() != ServiceFailure.Kind.NOT_OFFERED;
    }

    static Conflict fromDeadLetter(String site, DeadLetter letter) {
        return new Conflict(letter.id(), site, letter.externalId() == null ? null : letter.externalId().toString(),
                letter.doctype(), letter.sourceSite(), letter.sourceName(), letter.localName(), letter.version(),
                letter.detail(), letter.createdAt(), List.of(), letter.resolvedAt(),
                letter.resolution() == null
                        ? null
                        : "RETRIED".equals(letter.resolution()) ? Conflict.ACCEPT_SOURCE : Conflict.KEEP_TARGET,
                letter.resolvedBy(), letter.resolutionReason());
    }

    /** The conflict API's records, read field by field so a newer worker's additions do not break the page. */
    static List<Conflict> fromConflictApi(String site, JsonNode json) {
        JsonNode items = json.isArray() ? json : json.path("items");
        List<Conflict> conflicts = new ArrayList<>();
        for (JsonNode item : items) {
            JsonNode source = version(item, "source");
            JsonNode target = version(item, "target");
            conflicts.add(new Conflict(item.path("id").asLong(), site, text(item, "externalId"), text(item, "doctype"),
                    text(item, "sourceSite"), first(item, "sourceName", "document"), text(item, "localName"),
                    first(item, "version", "sourceVersion"), text(item, "detail"), time(item, "createdAt"),
                    source == null && target == null ? List.of() : FieldDifferences.of(source, target),
                    time(item, "resolvedAt"), text(item, "resolution"), text(item, "resolvedBy"),
                    first(item, "resolutionReason", "reason")));
        }
        return conflicts;
    }

    private static JsonNode version(JsonNode item, String side) {
        JsonNode version = item.path(side);
        if (!version.isObject()) {
            return null;
        }
        for (String field : List.of("payload", "document", "fields")) {
            if (version.path(field).isObject()) {
                return version.path(field);
            }
        }
        return version;
    }

    private static String text(JsonNode item, String field) {
        JsonNode value = item.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private static String first(JsonNode item, String... fields) {
        for (String field : fields) {
            String value = text(item, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static OffsetDateTime time(JsonNode item, String field) {
        String value = text(item, field);
        try {
            return value == null ? null : OffsetDateTime.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
