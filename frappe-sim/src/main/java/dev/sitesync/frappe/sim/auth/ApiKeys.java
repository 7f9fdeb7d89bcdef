package dev.sitesync.frappe.sim.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sitesync.frappe.sim.engine.Caller;
import dev.sitesync.frappe.sim.engine.DocumentChanged;
import dev.sitesync.frappe.sim.store.Transactions;

/**
 * The users of each site by API key, cached until a User document changes. {@code validate_api_key_secret}: the key
 * must belong to an enabled user and the secret must match, else {@code AuthenticationError}.
 */
@ApplicationScoped
public class ApiKeys {

    private final Transactions transactions;
    private final Map<String, Map<String, Optional<KeyHolder>>> cache = new ConcurrentHashMap<>();

    public ApiKeys(Transactions transactions) {
        this.transactions = transactions;
    }

    /** The caller the key and secret log in as, or empty when they do not match an enabled user. */
    public Optional<Caller> authenticate(String site, String key, String secret) {
        Map<String, Optional<KeyHolder>> siteKeys = cache.computeIfAbsent(site, s -> new ConcurrentHashMap<>());
        Optional<KeyHolder> holder = siteKeys.get(key);
        if (holder == null) {
            // loaded outside the map's lock: a slow database must not stall every other caller's lookup
            holder = load(site, key);
            siteKeys.putIfAbsent(key, holder);
        }
        return holder.filter(h -> MessageDigest.isEqual(h.secret().getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8))).map(h -> new Caller(site, h.user(), h.roles()));
    }

    private Optional<KeyHolder> load(String site, String key) {
        List<ObjectNode> users = transactions.inSite(site, tx -> tx.documents("select data from " + tx.schema()
                + ".document where doctype = 'User' and data->>'api_key' = ?", List.of(key)));
        return users.stream().filter(user -> user.path("enabled").asInt() == 1).findFirst().map(user -> {
            Set<String> roles = new HashSet<>(Set.of("All"));
            user.path("roles").forEach(row -> roles.add(row.path("role").asText()));
            if (Caller.ADMINISTRATOR.equals(user.path("name").asText())) {
                roles.add("Administrator");
            }
            return new KeyHolder(user.path("name").asText(), user.path("api_secret").asText(), roles);
        });
    }

    void userChanged(@Observes DocumentChanged change) {
        if ("User".equals(change.doctype())) {
            cache.remove(change.site());
        }
    }

    private record KeyHolder(String user, String secret, Set<String> roles) {
    }
}
