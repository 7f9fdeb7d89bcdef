package dev.sitesync.frappe.sim.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.StartupEvent;

import dev.sitesync.frappe.sim.SimConfig;
import dev.sitesync.frappe.sim.engine.Caller;
import dev.sitesync.frappe.sim.engine.DocumentCodec;
import dev.sitesync.frappe.sim.engine.DocumentService;
import dev.sitesync.frappe.sim.engine.Naming;
import dev.sitesync.frappe.sim.meta.MetaRegistry;
import dev.sitesync.frappe.sim.store.SiteSchemas;
import dev.sitesync.frappe.sim.store.Transactions;
import dev.sitesync.frappe.sim.store.UniqueIndexes;

/**
 * Creates the configured sites at start (schema, roles, an Administrator API key and a scoped sync user, seed data),
 * serves the sites already in the database, and writes every site's credentials to the credentials file.
 */
@ApplicationScoped
public class SiteBootstrap {

    private static final Logger LOG = Logger.getLogger(SiteBootstrap.class);
    public static final String SYNC_USER = "sync@sitesync.local";

    private final SimConfig config;
    private final SiteSchemas schemas;
    private final SiteRegistry sites;
    private final DocumentService documents;
    private final Transactions transactions;
    private final MetaRegistry metas;
    private final CustomFields customFields;
    private final Seeder seeder;
    private final SystemSettings systemSettings;
    private final ObjectMapper mapper;

    public SiteBootstrap(SimConfig config, SiteSchemas schemas, SiteRegistry sites, DocumentService documents,
            Transactions transactions, MetaRegistry metas, CustomFields customFields, Seeder seeder,
            SystemSettings systemSettings, ObjectMapper mapper) {
        this.config = config;
        this.schemas = schemas;
        this.sites = sites;
        this.documents = documents;
        this.transactions = transactions;
        this.metas = metas;
        this.customFields = customFields;
        this.seeder = seeder;
        this.systemSettings = systemSettings;
        this.mapper = mapper;
    }

    void start(@Observes StartupEvent event) throws SQLException {
        for (String existing : schemas.existingSites()) {
            serve(existing);
        }
        for (String code : config.sites().orElse(List.of())) {
            create(code.trim());
        }
        config.credentialsFile().ifPresent(file -> write(file, config.publicUrl().orElse("http://127.0.0.1:"
                + ConfigProvider.getConfig().getValue("quarkus.http.port", Integer.class))));
    }

    /** Creates a site if it does not exist (with its users and seed data); true when it was new. */
    public boolean create(String code) {
        try {
            boolean created = schemas.create(code);
            serve(code);
            if (created) {
                Caller admin = Caller.administrator(code);
                createRoles(admin);
                createUser(admin, Caller.ADMINISTRATOR, "Administrator", List.of("System Manager"));
                createUser(admin, SYNC_USER, "SiteSync Sync", config.syncUserRoles());
                seeder.seed(admin);
                LOG.infof("Created site %s", code);
            }
            return created;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create site " + code, e);
        }
    }

    /** Adds synthetic Items (with Item Price and Bin) to a site, as {@code FRAPPE_SIM_SEED_ITEMS} does at creation. */
    public void seedItems(String code, int count) {
        seeder.items(Caller.administrator(code), count);
    }

    private void serve(String code) {
        systemSettings.load(code);
        customFields.reload(code);
        uniqueIndexes(code);
        sites.add(code);
    }

    /** Every unique field gets its index (a site from an older frappe-sim gets them now). */
    private void uniqueIndexes(String code) {
        transactions.inSite(code, tx -> {
            metas.all(code).forEach(meta -> meta.uniqueFields()
                    .forEach(field -> UniqueIndexes.ensure(tx, meta.name(), field.fieldname())));
            return null;
        });
    }

    private void createRoles(Caller admin) {
        TreeSet<String> roles = new TreeSet<>(config.syncUserRoles());
        metas.all(admin.site()).forEach(meta -> meta.permissions().forEach(perm -> roles.add(perm.role())));
        roles.add("System Manager");
        for (String role : roles) {
            documents.insert(admin, "Role", DocumentCodec.object().put("role_name", role), false);
        }
    }

    private void createUser(Caller admin, String email, String firstName, List<String> roles) {
        ObjectNode user = DocumentCodec.object().put("email", email).put("first_name", firstName)
                .put("api_key", Naming.hash() + Naming.hash().substring(0, 5))
                .put("api_secret", Naming.hash() + Naming.hash().substring(0, 5));
        ArrayNode rows = user.putArray("roles");
        roles.forEach(role -> rows.addObject().put("role", role));
        documents.insert(admin, "User", user, false);
    }

    /** The credentials of every site, read back from each site's User documents. */
    public Map<String, SiteCredentials> credentials(String baseUrl) {
        Map<String, SiteCredentials> all = new LinkedHashMap<>();
        for (String code : new TreeSet<>(sites.codes())) {
            all.put(code, new SiteCredentials(baseUrl, code, key(code, Caller.ADMINISTRATOR).orElse(null),
                    key(code, SYNC_USER).orElse(null)));
        }
        return all;
    }

    private Optional<SiteCredentials.Key> key(String site, String user) {
        return transactions.inSite(site, tx -> tx.load("User", user, false)).map(stored -> new SiteCredentials.Key(
                user, stored.data().path("api_key").asText(), stored.data().path("api_secret").asText()));
    }

    private void write(Path file, String baseUrl) {
        try {
            ObjectNode root = mapper.createObjectNode();
            root.set("sites", mapper.valueToTree(credentials(baseUrl)));
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            LOG.infof("Wrote the credentials of %d site(s) to %s", sites.codes().size(), file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the credentials file " + file, e);
        }
    }
}
