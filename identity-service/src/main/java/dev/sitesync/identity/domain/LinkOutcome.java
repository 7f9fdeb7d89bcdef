package dev.sitesync.identity.domain;

/** What became of a request to link an external ID to a local name. */
public sealed interface LinkOutcome {

    /** The link exists now: made by this request ({@code created}) or already there, identical. */
    record Linked(String doctype, boolean created) implements LinkOutcome {
    }

    record Conflicted(LinkConflict conflict) implements LinkOutcome {
    }

    record UnknownIdentity() implements LinkOutcome {
    }
}
