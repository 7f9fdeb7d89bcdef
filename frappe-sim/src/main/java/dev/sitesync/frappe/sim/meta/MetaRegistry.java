package dev.sitesync.frappe.sim.meta;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The doctypes every site starts with (from the data files), each site's own additions (Custom Fields) and its
 * runtime changes to fields (schema drift). The standard meta is shared; a site with custom fields or changes sees its
 * own copy of the doctypes they touch.
 */
@ApplicationScoped
public class MetaRegistry {

    private static final String FOLDER = "doctypes/";

    private final Map<String, DocTypeMeta> standard;
    private final Map<String, Map<String, DocTypeMeta>> customised = new ConcurrentHashMap<>();
    private final Map<String, Map<String, List<CustomFieldDefinition>>> customFields = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Map<String, FieldChange>>> drift = new ConcurrentHashMap<>();

    public MetaRegistry(ObjectMapper mapper) {
        this.standard = load(mapper);
    }

    private static Map<String, DocTypeMeta> load(ObjectMapper mapper) {
        List<String> files = read(mapper, FOLDER + "index.json", new TypeReference<>() {
        });
        return files.stream().map(file -> read(mapper, FOLDER + file, new TypeReference<DocTypeMeta>() {
        })).collect(Collectors.toUnmodifiableMap(DocTypeMeta::name, meta -> meta));
    }

    private static <T> T read(ObjectMapper mapper, String resource, TypeReference<T> type) {
        try (InputStream in = MetaRegistry.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing doctype resource " + resource);
            }
            return mapper.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read doctype resource " + resource, e);
        }
    }

    public Optional<DocTypeMeta> find(String site, String doctype) {
        Map<String, DocTypeMeta> own = customised.get(site);
        DocTypeMeta meta = own == null ? null : own.get(doctype);
        return Optional.ofNullable(meta != null ? meta : standard.get(doctype));
    }

    public Collection<DocTypeMeta> all(String site) {
        List<DocTypeMeta> all = new ArrayList<>();
        standard.keySet().forEach(name -> all.add(find(site, name).orElseThrow()));
        return all;
    }

    public Collection<String> standardNames() {
        return standard.keySet();
    }

    /** Replaces the site's custom fields (all of them, as stored), rebuilding the doctypes they extend. */
    public void setCustomFields(String site, Collection<CustomFieldDefinition> definitions) {
        customFields.put(site, definitions.stream().filter(definition -> standard.containsKey(definition.doctype()))
                .collect(Collectors.groupingBy(CustomFieldDefinition::doctype)));
        rebuild(site);
    }

    /** Changes one field of a doctype on one site until it is restored (schema drift). */
    public void change(String site, String doctype, String fieldname, FieldChange change) {
        drift.computeIfAbsent(site, s -> new ConcurrentHashMap<>())
                .computeIfAbsent(doctype, d -> new ConcurrentHashMap<>()).put(fieldname, change);
        rebuild(site);
    }

    /** The site's changes to the doctype's fields, by fieldname. */
    public Map<String, FieldChange> changes(String site, String doctype) {
        return Map.copyOf(drift.getOrDefault(site, Map.of()).getOrDefault(doctype, Map.of()));
    }

    /** The doctype with the site's custom fields but without its drift. */
    public Optional<DocTypeMeta> undrifted(String site, String doctype) {
        return Optional.ofNullable(standard.get(doctype)).map(meta -> meta.withCustomFields(
                customFields.getOrDefault(site, Map.of()).getOrDefault(doctype, List.of())));
    }

    /** Gives the doctype its standard fields (and the site's custom fields) back. */
    public void restore(String site, String doctype) {
        drift.getOrDefault(site, new ConcurrentHashMap<>()).remove(doctype);
        rebuild(site);
    }

    private synchronized void rebuild(String site) {
        Map<String, List<CustomFieldDefinition>> custom = customFields.getOrDefault(site, Map.of());
        Map<String, Map<String, FieldChange>> changed = drift.getOrDefault(site, Map.of());
        Map<String, DocTypeMeta> rebuilt = new ConcurrentHashMap<>();
        standard.forEach((name, meta) -> {
            if (custom.containsKey(name) || changed.containsKey(name)) {
                rebuilt.put(name, meta.withCustomFields(custom.getOrDefault(name, List.of()))
                        .withChanges(changed.getOrDefault(name, Map.of())));
            }
        });
        customised.put(site, rebuilt);
    }
}
