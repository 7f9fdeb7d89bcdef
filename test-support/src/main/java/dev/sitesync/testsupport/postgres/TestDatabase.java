package dev.sitesync.testsupport.postgres;

import java.util.Map;

/** One database on the test server, with the URLs a Quarkus service needs to reach it. */
public record TestDatabase(String host, int port, String name, String user, String password) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    public String reactiveUrl() {
        return "postgresql://" + host + ":" + port + "/" + name;
    }

    /** The default datasource of a Quarkus service, JDBC (Flyway) and reactive (the application) alike. */
    public Map<String, String> quarkusConfig() {
        return Map.of(
                "quarkus.datasource.db-kind", "postgresql",
                "quarkus.datasource.jdbc.url", jdbcUrl(),
                "quarkus.datasource.reactive.url", reactiveUrl(),
                "quarkus.datasource.username", user,
                "quarkus.datasource.password", password);
    }
}
