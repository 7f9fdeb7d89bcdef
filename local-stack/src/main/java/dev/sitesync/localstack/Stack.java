package dev.sitesync.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import dev.sitesync.stack.postgres.LocalPostgres;
import dev.sitesync.stack.process.Ports;
import dev.sitesync.stack.sim.SimSites;

/**
 * The running stack: PostgreSQL, the issuer, frappe-sim with three sites, identity, ownership, a worker per site,
 * the gateway and the guard, each its own process, the sites onboarded. Starts each part in order and, if any part
 * fails, stops what already started before the failure is reported; {@link #close()} stops everything in reverse.
 */
public final class Stack implements AutoCloseable {

    public static final String FRAPPE = "frappe-sim";
    public static final String IDENTITY = "identity-service";
    public static final String OWNERSHIP = "ownership-service";
    public static final String GATEWAY = "inbound-gateway";
    public static final String GUARD = "commerce-guard";
    public static final String CONSOLE = "console";

    private final StackOptions options;
    private final Progress progress;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final Map<String, ManagedService> services = new LinkedHashMap<>();
    private final Set<String> readyNames = new HashSet<>();
    private LocalPostgres postgres;
    private Issuer issuer;
    private SimSites sites;
    private ServiceEnvironments environments;
    private Duration readyAfter;
    private int replicas;

    private Stack(StackOptions options, Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    public static Stack start(StackOptions options, Progress progress) {
        Stack stack = new Stack(options, progress);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e instanceof StackFailure ? e : new StackFailure(String.valueOf(e.getMessage()));
        }
    }

    private void startAll() {
        if (options.fresh()) {
            progress.step("Deleting " + options.stateDir() + " (--fresh)");
            deleteRecursively(options.stateDir());
        }
        Optional<Issuer> external = options.issuer().or(() -> ExternalIssuer.fromEnvironment(System.getenv()));
        new Builder(options, progress).buildMissing(external.isEmpty());
        checkPortsFree(external.isPresent());
        Duration timeout = startTimeout();
        Path logs = options.stateDir().resolve("logs");

        progress.step("Starting PostgreSQL on 127.0.0.1:" + options.ports().postgres() + " (data in "
                + options.stateDir().resolve("postgres") + ")");
        try {
            postgres = LocalPostgres.start(options.stateDir().resolve("postgres"), options.ports().postgres());
        } catch (IllegalStateException e) {
            throw new StackFailure(e.getMessage());
        }
        running.push(postgres);

        KeycloakServer keycloak = null;
        if (external.isPresent()) {
            issuer = external.get();
            progress.step("Using the external OIDC issuer " + issuer.url());
        } else {
            progress.step("Starting Keycloak on " + ServiceEnvironments.url(options.ports().keycloak())
                    + " (its first start takes about a minute)");
            keycloak = KeycloakServer.start(options.root(), options.stateDir(), options.ports().keycloak(),
                    options.ports().keycloakManagement());
            issuer = keycloak;
        }
        running.push(issuer);

        environments = new ServiceEnvironments(options, postgres, issuer);
        Path credentials = options.stateDir().resolve("sites.json");
        progress.step("Starting frappe-sim with sites " + String.join(", ", StackSites.CODES) + " on "
                + ServiceEnvironments.url(options.ports().frappe()));
        ManagedService frappe = launch(FRAPPE, FRAPPE, options.ports().frappe(), null, environments.frappeSim(credentials),
                logs);
        awaitReady(frappe, timeout);
        if (keycloak != null) {
            keycloak.awaitReady(timeout);
            progress.step("Keycloak is ready (realm " + KeycloakServer.REALM + ", pid " + keycloak.pid() + ")");
        }
        issuer.token("ops-admin");
        try {
            sites = SimSites.read(credentials, StackSites.CODES);
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new StackFailure(e.getMessage() + "; see frappe-sim's log in " + logs);
        }
        running.push(sites);

        Path policy = StackFiles.writePolicy(options.stateDir(), ServiceEnvironments.url(options.ports().frappe()));
        progress.step("Starting identity-service and ownership-service (policy " + policy + ")");
        ManagedService identity = launch(IDENTITY, IDENTITY, options.ports().identity(), null, environments.identity(),
                logs);
        ManagedService ownership = launch(OWNERSHIP, OWNERSHIP, options.ports().ownership(), null,
                environments.ownership(policy), logs);
        awaitReady(identity, timeout);
        awaitReady(ownership, timeout);

        progress.step("Preparing the sites: territories North and South, commerce-guard's API user, stock");
        Map<String, SiteSetup.GuardUser> guardUsers = new SiteSetup(sites).prepare();
        Path guardConfig = StackFiles.writeGuardConfig(options.stateDir(), sites, guardUsers);

        progress.step("Starting a sync-worker per site, inbound-gateway, commerce-guard and the console");
        for (String site : StackSites.CODES) {
            launch(workerName(site), "sync-worker", options.ports().workers().get(site), null,
                    environments.worker(site, sites), logs);
        }
        launch(GATEWAY, GATEWAY, options.ports().gateway(),
                ServiceEnvironments.url(options.ports().gatewayManagement()) + "/q/health/ready", environments.gateway(),
                logs);
        launch(GUARD, GUARD, options.ports().guard(), null, environments.guard(guardConfig), logs);
        launch(CONSOLE, CONSOLE, options.ports().console(), null, environments.console(), logs);
        for (ManagedService service : services.values()) {
            awaitReady(service, timeout);
        }

        new SiteOnboarding(this, progress).onboardAll(timeout);
        StackFiles.writeDescription(this);
        readyAfter = progress.elapsed();
    }

    /**
     * One more process of a site's worker on the same database, as a second replica would run: it shares the work
     * through its leases. Peers keep delivering to the first; it stops with the stack, or earlier when closed.
     */
    public ManagedService startReplica(String site) {
        ManagedService replica = launch(workerName(site) + "-replica-" + ++replicas, "sync-worker", Ports.free(), null,
                environments.worker(site, sites), options.stateDir().resolve("logs"));
        replica.awaitReady(startTimeout());
        return replica;
    }

    private ManagedService launch(String name, String module, int port, String probeUrl, Map<String, String> environment,
            Path logs) {
        String probe = probeUrl != null ? probeUrl : ServiceEnvironments.url(port) + "/q/health/ready";
        ManagedService service = new ManagedService(name, module, port, probe, environment, options.root(), logs);
        service.start();
        running.push(service);
        services.put(name, service);
        return service;
    }

    private void awaitReady(ManagedService service, Duration timeout) {
        if (!readyNames.contains(service.name())) {
            service.awaitReady(timeout);
            readyNames.add(service.name());
            progress.step(service.name() + " is ready on " + service.url() + " (pid " + service.pid() + ")");
        }
    }

    static String workerName(String site) {
        return "sync-worker-" + site;
    }

    public ManagedService service(String name) {
        ManagedService service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("no service " + name);
        }
        return service;
    }

    public ManagedService worker(String site) {
        return service(workerName(site));
    }

    public List<ManagedService> services() {
        return List.copyOf(services.values());
    }

    public SimSites sites() {
        return sites;
    }

    public Issuer issuer() {
        return issuer;
    }

    public StackOptions options() {
        return options;
    }

    public String gatewayUrl() {
        return ServiceEnvironments.url(options.ports().gateway());
    }

    /** The operator console's first page, through the gateway like every way in; people sign in there (StackPeople). */
    public String consoleUrl() {
        return gatewayUrl() + "/console/";
    }

    public String gatewayManagementUrl() {
        return ServiceEnvironments.url(options.ports().gatewayManagement());
    }

    /** The JDBC URL of a service's database ({@code worker_north}, {@code identity}, ...). */
    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    public static String workerDatabase(String site) {
        return "worker_" + site;
    }

    /** Time from the launcher's start until everything was healthy and onboarded. */
    public Duration readyAfter() {
        return readyAfter;
    }

    /** The stack's child processes, each with its descendants (Keycloak runs under kc.sh). */
    public List<ProcessHandle> processes() {
        List<ProcessHandle> processes = new ArrayList<>();
        ProcessHandle.current().descendants().forEach(processes::add);
        return processes;
    }

    @Override
    public void close() {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                System.err.println("While stopping: " + e.getMessage());
            }
        }
    }

    private void checkPortsFree(boolean externalIssuer) {
        options.ports().byUser().forEach((port, user) -> {
            if (externalIssuer && user.startsWith("Keycloak")) {
                return;
            }
            if (!Ports.isFree(port)) {
                throw new StackFailure("Port " + port + " for " + user + " is in use; stop what listens there (ss -ltnp "
                        + "'sport = :" + port + "') or stop the other stack.");
            }
        });
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new StackFailure("Cannot delete " + dir + ": " + e.getMessage());
        }
    }

    private static Duration startTimeout() {
        String seconds = System.getenv().getOrDefault("SITESYNC_START_TIMEOUT", "180");
        try {
            return Duration.ofSeconds(Long.parseLong(seconds));
        } catch (NumberFormatException e) {
            throw new StackFailure("SITESYNC_START_TIMEOUT must be a number of seconds, not '" + seconds + "'.");
        }
    }
}
