package dev.sitesync.contracts.sync;

/**
 * A consumer worker's acknowledgement of a {@link ChangeEnvelope}, given only after the envelope is committed to its
 * inbox.
 *
 * @param duplicate true when the same envelope (external ID, version, content hash) was already in the inbox
 */
public record EnvelopeReceipt(long inboxId, boolean duplicate) {
}
