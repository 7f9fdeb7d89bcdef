package dev.sitesync.console.client;

/** Why a person retries, discards or resolves something; the service records it with the person's name. */
public record OperatorAction(String reason) {
}
