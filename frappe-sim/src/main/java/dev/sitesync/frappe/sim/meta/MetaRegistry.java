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
 * The doctypes every site starts with (from the data files), and each site's own additions (Custom Fields). The
 * standard meta is shared; a site with custom fields sees its own copy of the doctypes they extend.
 */
@ApplicationScoped
public class MetaRegistry {

    private static final String FOLDER = "doctypes/";

    private final Map<String, DocTypeMeta> standard;
    private final Map<String, Map<String, DocTypeMeta>> customised = new ConcurrentHashMap<>();

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
        Map<String, List<CustomFieldDefinition>> byDoctype = definitions.stream()
                .filter(definition -> standard.containsKey(definition.doctype()))
                .collect(Collectors.groupingBy(CustomFieldDefinition::doctype));
        Map<String, DocTypeMeta> rebuilt = new ConcurrentHashMap<>();
        byDoctype.forEach((doctype, fields) -> rebuilt.put(doctype, standard.get(doctype).withCustomFields(fields)));
        customised.put(site, rebuilt);
    }
}
