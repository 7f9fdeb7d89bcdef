package dev.sitesync.testsupport.postgres;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a Quarkus test a fresh database on the JVM's real PostgreSQL. Use with
 * {@code @WithTestResource(PostgresTestResource.class)}; the optional init arg {@code database} names the prefix.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private String prefix = "service";
    private TestDatabase database;

    @Override
    public void init(Map<String, String> initArgs) {
        prefix = initArgs.getOrDefault("database", prefix);
    }

    @Override
    public Map<String, String> start() {
        database = TestPostgres.server().createDatabase(prefix);
        return database.quarkusConfig();
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(database, new TestInjector.MatchesType(TestDatabase.class));
    }

    @Override
    public void stop() {
        // the database stays until the server goes with the JVM; nothing else is started per test
    }
}
