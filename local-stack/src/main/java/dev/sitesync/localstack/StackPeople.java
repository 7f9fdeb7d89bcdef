package dev.sitesync.localstack;

import java.util.List;

/**
 * The people of the realm file who sign in to the console on the local stack, one per role. Their passwords are what
 * Keycloak's import resolves: {@code SITESYNC_PASSWORD_<USER>} when set, else {@code local-<user>}.
 */
public final class StackPeople {

    /** A person, with the realm roles their tokens carry. */
    public record Person(String username, List<String> roles) {

        /** The password the realm import gave them. */
        public String password() {
            return System.getenv().getOrDefault("SITESYNC_PASSWORD_" + StackSites.envName(username), "local-" + username);
        }
    }

    public static final Person SRE = new Person("sam", List.of("sre"));
    public static final Person SYNC_ADMIN = new Person("ada", List.of("sync-admin", "sre"));
    public static final Person AUDITOR = new Person("audrey", List.of("auditor"));
    public static final Person ORDER_REVIEWER = new Person("oren", List.of("order-reviewer"));
    public static final List<Person> ALL = List.of(SRE, SYNC_ADMIN, AUDITOR, ORDER_REVIEWER);

    private StackPeople() {
    }
}
