package dev.sitesync.localstack;

import java.nio.file.Path;
import java.util.Optional;

/** The launcher's command line, and what a test chooses when it starts a stack of its own. */
public record StackOptions(Path root, Path stateDir, boolean fresh, boolean rebuild, boolean jsonLogs, boolean help,
        boolean scenarioOnly, StackPorts ports, Optional<Issuer> issuer) {

    static final String USAGE = """
            Usage: ./run-stack [--fresh] [--rebuild] [--json-logs] [--scenario-only] [--help]

              --fresh          start from empty databases (deletes .local-stack/)
              --rebuild        rebuild every service before starting, not only the missing ones
              --json-logs      services log one JSON object per line, as in Kubernetes
              --scenario-only  start, run the scenario, print the status, stop; exit 0 when it passed, 1 when not
              --help           print this text

            Environment:
              SITESYNC_PG_PORT         port of the embedded PostgreSQL (default 55432)
              SITESYNC_START_TIMEOUT   seconds each component may take to become healthy (default 180)
              SITESYNC_OIDC_ISSUER     use this OIDC issuer instead of starting Keycloak; it needs the clients of
                                       helm/sitesync/files/sitesync-realm.json, whose secrets come from
                                       SITESYNC_SECRET_<CLIENT> (e.g. SITESYNC_SECRET_WORKER_NORTH, ..._OPS_ADMIN)
            State (databases, Keycloak's data, logs) lives in .local-stack/ under the repository root.""";

    /** A stack for tests: its own state directory, free ports, fresh databases, plain logs. */
    public static StackOptions forTests(Path root, Path stateDir) {
        return new StackOptions(root, stateDir, true, false, false, false, true, StackPorts.free(), Optional.empty());
    }

    /** The same, with an issuer that is already running (another stack's Keycloak) instead of one of its own. */
    public StackOptions withIssuer(Issuer running) {
        return new StackOptions(root, stateDir, fresh, rebuild, jsonLogs, help, scenarioOnly, ports,
                Optional.of(running));
    }

    static StackOptions parse(String[] args, Path root) {
        boolean fresh = false;
        boolean rebuild = false;
        boolean jsonLogs = false;
        boolean help = false;
        boolean scenarioOnly = false;
        for (String arg : args) {
            switch (arg) {
                case "--fresh" -> fresh = true;
                case "--rebuild" -> rebuild = true;
                case "--json-logs" -> jsonLogs = true;
                case "--scenario-only" -> scenarioOnly = true;
                case "--help", "-h" -> help = true;
                default -> throw new StackFailure("Unknown option '" + arg + "'; run ./run-stack --help for the options.");
            }
        }
        String port = System.getenv().getOrDefault("SITESYNC_PG_PORT", "55432");
        try {
            return new StackOptions(root, root.resolve(".local-stack"), fresh, rebuild, jsonLogs, help, scenarioOnly,
                    StackPorts.fixed(Integer.parseInt(port)), Optional.empty());
        } catch (NumberFormatException e) {
            throw new StackFailure("SITESYNC_PG_PORT must be a port number, not '" + port + "'.");
        }
    }
}
