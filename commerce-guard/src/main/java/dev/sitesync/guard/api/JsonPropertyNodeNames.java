package dev.sitesync.guard.api;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import org.hibernate.validator.spi.nodenameprovider.JavaBeanProperty;
import org.hibernate.validator.spi.nodenameprovider.Property;
import org.hibernate.validator.spi.nodenameprovider.PropertyNodeNameProvider;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;

/**
 * Names invalid fields as the JSON names them: an order's {@code items[2].item_code}, not the Java
 * {@code itemCode}, so a violation points at what the caller actually sent.
 */
@Singleton
public class JsonPropertyNodeNames implements PropertyNodeNameProvider {

    private final ObjectMapper json;
    private final Map<Class<?>, Map<String, String>> names = new ConcurrentHashMap<>();

    public JsonPropertyNodeNames(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public String getName(Property property) {
        if (property instanceof JavaBeanProperty bean) {
            return names.computeIfAbsent(bean.getDeclaringClass(), this::jsonNames)
                    .getOrDefault(property.getName(), property.getName());
        }
        return property.getName();
    }

    private Map<String, String> jsonNames(Class<?> type) {
        BeanDescription description = json.getSerializationConfig().introspect(json.constructType(type));
        Map<String, String> byJavaName = new HashMap<>();
        for (BeanPropertyDefinition property : description.findProperties()) {
            byJavaName.put(property.getInternalName(), property.getName());
        }
        return byJavaName;
    }
}
