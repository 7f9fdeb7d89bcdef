package dev.sitesync.identity.domain;

import java.util.Comparator;

/** A document as one site names it; ordered so that concurrent batches take their locks in the same order. */
public record DocumentKey(String site, String doctype, String localName) implements Comparable<DocumentKey> {

    private static final Comparator<DocumentKey> ORDER = Comparator.comparing(DocumentKey::site)
            .thenComparing(DocumentKey::doctype).thenComparing(DocumentKey::localName);

    @Override
    public int compareTo(DocumentKey other) {
        return ORDER.compare(this, other);
    }
}
