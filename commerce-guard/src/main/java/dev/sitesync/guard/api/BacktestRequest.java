package dev.sitesync.guard.api;

import java.time.LocalDate;

import jakarta.validation.constraints.NotNull;

import dev.sitesync.contracts.constraints.SiteCode;

/** The site and the window of transaction dates (inclusive) to replay. */
public record BacktestRequest(@SiteCode String site, @NotNull LocalDate from, @NotNull LocalDate to) {
}
