package dev.sitesync.ownership.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A new policy: the whole YAML document and why it changes. Sent with {@code If-Match} naming the version it is based
 * on.
 */
public record PolicyUpdate(
        @NotBlank @Size(max = 2000) String reason,
        @NotBlank @Size(max = 1_000_000) String document) {
}
