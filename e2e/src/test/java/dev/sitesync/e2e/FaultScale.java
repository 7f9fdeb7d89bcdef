package dev.sitesync.e2e;

import java.time.Duration;

/**
 * How large the fault scenarios are. By default small enough for the build: each outage lasts long enough for every
 * change of the scenario to meet it and for the circuit to open and hold, which is what the guarantees rest on (no
 * attempt is spent while it is open, so a longer outage costs nothing more); {@code -Dsitesync.faults=full} runs the
 * figures operators quote: 1,000 changes, a site down 5 minutes, identity-service 3 minutes, a peer's worker 10 minutes, 2,000 changes
 * around a SIGKILL.
 *
 * @param changes changes made during each outage
 * @param siteOutage how long a consumer's site answers 503
 * @param serviceOutage how long identity-service is stopped
 * @param workerOutage how long a consumer's worker is stopped
 * @param killChanges changes made around a worker's SIGKILL during the site outage
 */
record FaultScale(String name, int changes, Duration siteOutage, Duration serviceOutage, Duration workerOutage,
        int killChanges) {

    static FaultScale current() {
        return "full".equals(System.getProperty("sitesync.faults"))
                ? new FaultScale("full", 1000, Duration.ofMinutes(5), Duration.ofMinutes(3), Duration.ofMinutes(10), 2000)
                : new FaultScale("quick", 120, Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10),
                        300);
    }
}
