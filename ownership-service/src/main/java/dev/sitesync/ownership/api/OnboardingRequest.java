package dev.sitesync.ownership.api;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.sitesync.contracts.constraints.DocTypeName;

/**
 * What a site runs, as its worker reads it at onboarding.
 *
 * @param versions per application, e.g. {@code {"frappe": "15.40.1", "erpnext": "15.35.0"}}
 * @param doctypes per doctype, the hash of its DocType meta and whether the {@code sitesync_external_id} field exists
 */
public record OnboardingRequest(
        @NotNull @Size(min = 1, max = 20) Map<@Pattern(regexp = "[a-z][a-z0-9_]{0,31}") String, @NotNull @Pattern(regexp = VERSION, message = "must be a version such as 15.40.1") String> versions,
        @NotNull @Size(max = 500) Map<@DocTypeName String, @NotNull @Valid Meta> doctypes) {

    static final String VERSION = "v?\\d{1,6}(\\.\\d{1,6}){0,5}([-+][\\w.-]{0,40})?";

    public record Meta(@NotBlank @Size(max = 128) String metaHash, @NotNull Boolean externalIdField) {
    }
}
