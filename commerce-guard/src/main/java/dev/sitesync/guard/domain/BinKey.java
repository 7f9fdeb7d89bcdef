package dev.sitesync.guard.domain;

import java.util.Objects;

/** The Bin of one item in one warehouse: where ERPNext keeps its stock levels. */
public record BinKey(String itemCode, String warehouse) {

    public BinKey {
        Objects.requireNonNull(itemCode, "itemCode");
        Objects.requireNonNull(warehouse, "warehouse");
    }
}
