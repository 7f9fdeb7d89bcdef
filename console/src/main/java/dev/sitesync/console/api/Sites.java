package dev.sitesync.console.api;

/** How pages name the services they call, in the words of their messages. */
final class Sites {

    private Sites() {
    }

    static String worker(String site) {
        return "The worker of " + site;
    }
}
