package dev.sitesync.contracts.identity;

import java.util.List;

/** The results of a {@link ResolveRequest}, in request order. */
public record ResolveResponse(List<ResolveResult> results) {
}
