package dev.sitesync.helm;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/**
 * The environment variables a service reads, from its own sources: its {@code @ConfigMapping} interface (walked by
 * reflection; a map's key becomes "any name"), the keys and {@code ${VARIABLE}} references of its
 * application.properties, prefixes it reads directly, and Quarkus variables of the extensions its pom declares.
 */
final class DeclaredConfig {

    /** Quarkus variables the chart sets, and the extension that reads each. */
    private static final Map<String, String> QUARKUS_VARIABLES = Map.of(
            "QUARKUS_DATASOURCE_JDBC_URL", "quarkus-jdbc-postgresql",
            "QUARKUS_DATASOURCE_USERNAME", "quarkus-jdbc-postgresql",
            "QUARKUS_DATASOURCE_PASSWORD", "quarkus-jdbc-postgresql",
            "QUARKUS_DATASOURCE_REACTIVE_URL", "quarkus-reactive-pg-client",
            "QUARKUS_OIDC_AUTH_SERVER_URL", "quarkus-oidc",
            "QUARKUS_OIDC_TOKEN_AUDIENCE", "quarkus-oidc",
            "QUARKUS_OIDC_CLIENT_AUTH_SERVER_URL", "quarkus-oidc-client",
            "QUARKUS_OIDC_CLIENT_CLIENT_ID", "quarkus-oidc-client",
            "QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET", "quarkus-oidc-client",
            "QUARKUS_CONFIG_LOCATIONS", "quarkus-core");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:[^}]*)?}");

    private final List<Pattern> variables = new ArrayList<>();

    private DeclaredConfig() {
    }

    static DeclaredConfig of(String service, List<Class<?>> mappings, List<String> directPrefixes) throws IOException {
        DeclaredConfig declared = new DeclaredConfig();
        for (Class<?> mapping : mappings) {
            declared.walk(mapping, mapping.getAnnotation(ConfigMapping.class).prefix());
        }
        directPrefixes.forEach(prefix -> declared.add(prefix + "*"));
        Path module = Chart.ROOT.resolve(service);
        Properties properties = new Properties();
        String text = Files.readString(module.resolve("src/main/resources/application.properties"));
        properties.load(new java.io.StringReader(text));
        properties.stringPropertyNames().stream().filter(key -> !key.startsWith("%")).forEach(declared::add);
        Matcher reference = REFERENCE.matcher(text);
        while (reference.find()) {
            declared.variables.add(Pattern.compile(Pattern.quote(reference.group(1))));
        }
        String pom = Files.readString(module.resolve("pom.xml"));
        QUARKUS_VARIABLES.forEach((variable, extension) -> {
            if (extension.equals("quarkus-core") || pom.contains("<artifactId>" + extension + "</artifactId>")) {
                declared.variables.add(Pattern.compile(variable));
            }
        });
        return declared;
    }

    boolean reads(String variable) {
        return variables.stream().anyMatch(pattern -> pattern.matcher(variable).matches());
    }

    /** A property name, {@code *} for any map key, as the environment variable SmallRye Config maps to it. */
    private void add(String property) {
        String[] parts = property.split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append("[A-Z0-9_]+");
            }
            regex.append(Pattern.quote(parts[i].toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_")));
        }
        variables.add(Pattern.compile(regex.toString()));
    }

    private void walk(Class<?> group, String prefix) {
        for (Method method : group.getMethods()) {
            if (method.getParameterCount() != 0 || method.isDefault() || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            WithName name = method.getAnnotation(WithName.class);
            String property = prefix + "." + (name != null ? name.value() : kebab(method.getName()));
            walkType(method.getGenericReturnType(), property);
        }
    }

    private void walkType(Type type, String property) {
        if (type instanceof ParameterizedType generic) {
            Type raw = generic.getRawType();
            if (raw == Optional.class) {
                walkType(generic.getActualTypeArguments()[0], property);
                return;
            }
            if (raw == Map.class) {
                walkType(generic.getActualTypeArguments()[1], property + ".*");
                return;
            }
            add(property);
            return;
        }
        if (type instanceof Class<?> type1 && type1.isInterface() && type1.getName().startsWith("dev.sitesync.")) {
            walk(type1, property);
            return;
        }
        add(property);
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
