package dev.sitesync.contracts.identity;

import dev.sitesync.contracts.constraints.DocTypeName;
import dev.sitesync.contracts.constraints.LocalName;
import dev.sitesync.contracts.constraints.SiteCode;

/** A document as one site names it. */
public record IdentityKey(@SiteCode String site, @DocTypeName String doctype, @LocalName String localName) {
}
