package dev.sitesync.contracts.sync;

/**
 * The worker's answer to a {@link WebhookEvent}, given only after the event is committed.
 *
 * @param duplicate true when the same event (site, doctype, name, modified, body hash) was already taken; nothing new
 *        is queued
 */
public record IntakeReceipt(long eventId, boolean duplicate) {
}
