package dev.sitesync.worker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a pause holds back on the worker of north, as a table: the pauses in force (site/doctype, * for a whole site),
 * then for Item and Customer whether capture, delivery to or from central, and applying from central wait.
 */
class PausesTest {

    @ParameterizedTest(name = "paused [{0}]: {1}")
    @CsvSource(delimiter = '|', value = {
            // pauses           | doctype  | capture | deliver to central | apply from central | deliver to south
            "-                  | Item     | false   | false              | false              | false",
            "north/*            | Item     | true    | true               | true               | true",
            "north/*            | Customer | true    | true               | true               | true",
            "north/Item         | Item     | true    | true               | true               | true",
            "north/Item         | Customer | false   | false              | false              | false",
            "central/*          | Item     | false   | true               | true               | false",
            "central/Item       | Customer | false   | false              | false              | false",
            "central/Item       | Item     | false   | true               | true               | false",
            "south/*            | Item     | false   | false              | false              | true",
            "central/*,south/*  | Customer | false   | true               | true               | true",
    })
    void aPauseHoldsBackEverythingOfItsScopeAndNothingElse(String inForce, String doctype, boolean capture,
            boolean deliverToCentral, boolean applyFromCentral, boolean deliverToSouth) {
        Pauses pauses = new Pauses("north", parse(inForce));

        assertThat(pauses.capturePaused(doctype)).as("capture").isEqualTo(capture);
        assertThat(pauses.deliveryPaused("central", doctype)).as("delivery to central").isEqualTo(deliverToCentral);
        assertThat(pauses.applyPaused("central", doctype)).as("applying from central").isEqualTo(applyFromCentral);
        assertThat(pauses.deliveryPaused("south", doctype)).as("delivery to south").isEqualTo(deliverToSouth);
    }

    private static List<Pauses.Pause> parse(String inForce) {
        List<Pauses.Pause> pauses = new ArrayList<>();
        if (inForce.equals("-")) {
            return pauses;
        }
        long id = 1;
        for (String scope : inForce.split(",")) {
            String[] parts = scope.trim().split("/");
            pauses.add(new Pauses.Pause(id++, parts[0], parts[1].equals("*") ? null : parts[1], "maintenance", "ops",
                    Instant.parse("2026-12-01T09:00:00Z")));
        }
        return pauses;
    }
}
