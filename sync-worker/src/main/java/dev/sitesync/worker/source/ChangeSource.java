package dev.sitesync.worker.source;

import java.util.List;

import io.smallrye.mutiny.Uni;

/**
 * One way a site's changes are captured: webhook events (as soon as they are committed), the incremental poll (the
 * safety net: webhooks get lost) or a full sync (on request). Each works doctype by doctype, every doctype a lane of
 * its own under the doctype's {@link CaptureLease}, and feeds the same {@link SourcePipeline}.
 */
public interface ChangeSource {

    /** A name for logs and metrics: {@code events}, {@code poll}, {@code full-sync}. */
    String name();

    /** The doctypes with work for this source now, each to be captured as a lane of its own. */
    Uni<List<String>> doctypes();

    /**
     * Captures what this source has for one doctype, holding the doctype's lease; answers how many documents (or
     * events) it handled, so a lane with more work runs again at once. A failure is the lane's alone: it backs off,
     * the other lanes go on.
     */
    Uni<Integer> capture(String doctype, CaptureLease.Held lease);
}
