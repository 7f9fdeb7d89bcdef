package dev.sitesync.ownership.domain;

/**
 * The explicit statement that ownership of a doctype (or, for a federated doctype, of one scope value) moves from one
 * site to another. Without it a policy change that flips an owner is refused.
 *
 * @param scope the scope value whose owner moves, for federated doctypes; null for a single owner
 */
public record Transfer(String doctype, String scope, String from, String to, String reason) {
}
