package dev.sitesync.localstack;

import java.nio.file.Path;

/** The launcher's command line. */
record StackOptions(Path root, Path stateDir, boolean fresh, boolean rebuild, boolean jsonLogs, boolean help,
        int postgresPort) {

    static final String USAGE = """
            Usage: ./run-stack [--fresh] [--rebuild] [--json-logs] [--help]

              --fresh       start from empty databases (deletes .local-stack/)
              --rebuild     rebuild every service before starting, not only the missing ones
              --json-logs   services log one JSON object per line, as in Kubernetes
              --help        print this text

            Environment: SITESYNC_PG_PORT (default 55432) for the embedded PostgreSQL.
            State (databases, logs, tokens) lives in .local-stack/ under the repository root.""";

    static StackOptions parse(String[] args, Path root) {
        boolean fresh = false;
        boolean rebuild = false;
        boolean jsonLogs = false;
        boolean help = false;
        for (String arg : args) {
            switch (arg) {
                case "--fresh" -> fresh = true;
                case "--rebuild" -> rebuild = true;
                case "--json-logs" -> jsonLogs = true;
                case "--help", "-h" -> help = true;
                default -> throw new StackFailure("Unknown option '" + arg + "'; run ./run-stack --help for the options.");
            }
        }
        String port = System.getenv().getOrDefault("SITESYNC_PG_PORT", "55432");
        try {
            return new StackOptions(root, root.resolve(".local-stack"), fresh, rebuild, jsonLogs, help,
                    Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw new StackFailure("SITESYNC_PG_PORT must be a port number, not '" + port + "'.");
        }
    }
}
