package dev.sitesync.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class LinkConflictTest {

    @Test
    void namesBothSidesOfTheConflict() {
        UUID id = UUID.randomUUID();
        UUID holder = UUID.randomUUID();

        String detail = new LinkConflict(id, "north", "Acme", "Acme - 1", holder).describe();

        assertThat(detail).contains(id.toString(), holder.toString(), "'Acme'", "'Acme - 1'", "'north'");
    }
}
