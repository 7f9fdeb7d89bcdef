package dev.sitesync.console.client;

import java.util.List;
import java.util.UUID;

/** A page of held orders; {@code next} is the {@code after} of the next page. */
public record ReviewPage(List<HeldOrder> items, UUID next) {

    public ReviewPage {
        items = items == null ? List.of() : items;
    }
}
