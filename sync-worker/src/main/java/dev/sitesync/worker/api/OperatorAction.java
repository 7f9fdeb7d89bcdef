package dev.sitesync.worker.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why an operator retries or discards something; written to the sync log with the operator's token subject. */
public record OperatorAction(@NotBlank @Size(max = 1000) String reason) {
}
