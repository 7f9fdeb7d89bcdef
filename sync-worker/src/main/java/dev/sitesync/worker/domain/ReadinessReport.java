package dev.sitesync.worker.domain;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A site's go-live checklist (seed §27) as facts read from the site and the worker: each check ok, or not ok with
 * why and what to do. The site is ready when every check is ok.
 */
public record ReadinessReport(String site, boolean ready, Instant checkedAt, List<Check> checks) {

    /**
     * One item of the checklist.
     *
     * @param detail what was found (when ok) or what is wrong (when not)
     * @param action what to do about it; empty when ok
     */
    public record Check(String name, boolean ok, String detail, String action) {

        public static Check ok(String name, String detail) {
            return new Check(name, true, detail, "");
        }

        public static Check notOk(String name, String reason, String action) {
            return new Check(name, false, reason, action);
        }

        /** A check that could not be answered is not ok, with what failed. */
        public static Check unreadable(String name, Throwable failure) {
            return notOk(name, "could not be checked: " + failure.getMessage(),
                    "Check that the site and the SiteSync services answer, then ask again");
        }
    }

    public ReadinessReport {
        checks = List.copyOf(checks);
    }

    public static ReadinessReport of(String site, Instant at, List<Check> checks) {
        return new ReadinessReport(site, checks.stream().allMatch(Check::ok), at, checks);
    }

    /** One line per check, for the onboarding log and the local stack. */
    public String summary() {
        return checks.stream().map(check -> (check.ok() ? "  ok      " : "  NOT OK  ") + check.name() + ": "
                + check.detail() + (check.ok() ? "" : " -> " + check.action())).collect(Collectors.joining("\n"));
    }
}
