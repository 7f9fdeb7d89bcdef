package dev.sitesync.contracts.ownership;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.sitesync.contracts.constraints.DocTypeName;
import dev.sitesync.contracts.constraints.SiteCode;

/**
 * One change a source site asks about.
 *
 * @param scope the record's values of scope fields, e.g. {@code {"territory": "North"}}; needed for federated doctypes
 */
public record DecisionItem(
        @SiteCode String sourceSite,
        @DocTypeName String doctype,
        @Size(max = 10) Map<@NotBlank @Size(max = 140) String, @NotNull @Size(max = 140) String> scope,
        @NotNull Operation operation) {
}
