package dev.sitesync.worker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sitesync.worker.domain.StatusReport.DoctypeStatus;
import dev.sitesync.worker.domain.StatusReport.PeerStatus;
import dev.sitesync.worker.store.SyncOverview.Applied;
import dev.sitesync.worker.store.SyncOverview.DeadOpen;
import dev.sitesync.worker.store.SyncOverview.Inbound;
import dev.sitesync.worker.store.SyncOverview.Outbound;
import dev.sitesync.worker.store.SyncOverview.Route;

class StatusReportTest {

    @Test
    void aDoctypeAddsItsTasksOverSourcesAndStatusesAndLagsByItsOldestChange() {
        List<DoctypeStatus> rows = StatusReport.doctypes(
                List.of(new Applied("Item", 12), new Applied("UOM", 3)),
                List.of(new Inbound("central", "Item", "READY", 2, 0.8), new Inbound("central", "Item", "WAITING", 1, 4.25),
                        new Inbound("north", "Customer", "READY", 1, 0.0004)),
                List.of(new DeadOpen("Item", 1, 2)));

        assertThat(rows).containsExactly(
                new DoctypeStatus("Customer", 0, 1, 0, 0, 0.0),
                new DoctypeStatus("Item", 12, 3, 1, 2, 4.25),
                new DoctypeStatus("UOM", 3, 0, 0, 0, 0.0));
    }

    @Test
    void everyRouteIsListedAndThoseWithOpenDeliveriesCarryTheirCounts() {
        List<PeerStatus> rows = StatusReport.peers(
                List.of(new Route("south", "Item"), new Route("north", "Item"), new Route("north", "UOM")),
                List.of(new Outbound("north", "Item", 5, 1, 2.5)));

        assertThat(rows).containsExactly(
                new PeerStatus("north", "Item", 5, 1, 2.5),
                new PeerStatus("north", "UOM", 0, 0, 0.0),
                new PeerStatus("south", "Item", 0, 0, 0.0));
    }
}
