package dev.sitesync.identity.domain;

import java.util.UUID;

/**
 * Why a link cannot be made: the external ID already has another name on the site, or the name already belongs to
 * another external ID. Links are immutable, so either is a conflict for an operator, never an overwrite.
 *
 * @param nameOnSite the name the external ID already has on the site, or null
 * @param holder the external ID that already holds the requested name, or null
 */
public record LinkConflict(UUID externalId, String site, String requestedName, String nameOnSite, UUID holder) {

    public String describe() {
        StringBuilder detail = new StringBuilder();
        if (nameOnSite != null) {
            detail.append("External ID %s is already linked on site '%s' to '%s', not '%s'."
                    .formatted(externalId, site, nameOnSite, requestedName));
        }
        if (holder != null) {
            detail.append(detail.isEmpty() ? "" : " ").append("Name '%s' on site '%s' is already linked to external ID %s."
                    .formatted(requestedName, site, holder));
        }
        return detail.append(" Links never change: resolve the duplicate on the site, then link the surviving document.")
                .toString();
    }
}
