package dev.sitesync.worker.domain;

import java.time.Instant;

/**
 * A sync log row as stored: its step, where it was filed, and its place in the hash chain.
 *
 * @param partition the month's partition holding it
 * @param loggedAt when it was appended, by the database's clock; never earlier than the row before it
 * @param entry the step, null when the row cannot be read as one
 * @param unreadable why the row cannot be read as a step (a value the worker never writes), else null
 */
public record LoggedEntry(long id, String partition, Instant loggedAt, String prevHash, String rowHash,
        AuditEntry entry, String unreadable) {

    public LoggedEntry(long id, String partition, Instant loggedAt, String prevHash, String rowHash, AuditEntry entry) {
        this(id, partition, loggedAt, prevHash, rowHash, entry, null);
    }

    /** A row someone wrote past the worker, with a value no step has. */
    public static LoggedEntry unreadable(long id, String partition, Instant loggedAt, String why) {
        return new LoggedEntry(id, partition, loggedAt, null, null, null, why);
    }
}
