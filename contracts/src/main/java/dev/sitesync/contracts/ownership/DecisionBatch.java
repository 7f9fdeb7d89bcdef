package dev.sitesync.contracts.ownership;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Up to {@value #MAX_ITEMS} changes to decide, answered in the same order. */
public record DecisionBatch(@NotNull @Size(min = 1, max = MAX_ITEMS) List<@NotNull @Valid DecisionItem> items) {

    public static final int MAX_ITEMS = 1000;
}
