package dev.sitesync.guard.api;

import java.util.List;

import dev.sitesync.guard.store.FindingView;

/**
 * One page of findings, newest first.
 *
 * @param next pass as {@code before} for the next page; null on the last page
 */
public record FindingPage(List<FindingView> items, Long next) {
}
