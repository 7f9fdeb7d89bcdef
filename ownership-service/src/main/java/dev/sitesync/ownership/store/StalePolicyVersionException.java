package dev.sitesync.ownership.store;

/** A policy update based on a version that is no longer the latest: another update won. */
public class StalePolicyVersionException extends RuntimeException {

    private final int latest;

    public StalePolicyVersionException(int expected, int latest) {
        super("The update was based on policy version %d, but the latest is %d".formatted(expected, latest), null, false,
                false);
        this.latest = latest;
    }

    public int latest() {
        return latest;
    }
}
