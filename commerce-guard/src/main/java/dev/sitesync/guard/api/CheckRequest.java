package dev.sitesync.guard.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import dev.sitesync.contracts.constraints.SiteCode;
import dev.sitesync.guard.domain.OrderContext;
import dev.sitesync.guard.domain.SalesOrder;

/** An order to check (or create) on a site, with what the caller says about it. */
public record CheckRequest(@SiteCode String site, @NotNull @Valid SalesOrder order, @Valid OrderContext context) {

    public OrderContext contextOrNone() {
        return context == null ? OrderContext.NONE : context;
    }
}
