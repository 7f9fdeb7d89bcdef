package dev.sitesync.ownership.domain;

import java.util.Map;

import dev.sitesync.contracts.ownership.Operation;

/**
 * A source site's question: may this change to a record of this doctype sync, and to whom?
 *
 * @param scope the record's values of scope fields (e.g. {@code territory}), for federated doctypes
 */
public record DecisionRequest(String sourceSite, String doctype, Map<String, String> scope, Operation operation) {
}
