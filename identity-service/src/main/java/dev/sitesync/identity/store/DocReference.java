package dev.sitesync.identity.store;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

import dev.sitesync.contracts.identity.ReferenceView;
import dev.sitesync.frappe.client.FrappeDateTimes;

/**
 * A registered REFERENCE_ONLY document, read through Panache by its external ID (unique); upserted by
 * {@link ReferenceStore}.
 */
@Entity
@Immutable
@Table(name = "doc_reference")
public class DocReference extends PanacheEntityBase {

    @Id
    @Column(name = "external_id")
    public UUID externalId;

    public String site;
    public String doctype;
    public String name;
    public String status;
    public Short docstatus;

    @Column(name = "grand_total")
    public BigDecimal grandTotal;

    public String currency;
    public LocalDateTime modified;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public ReferenceView toView() {
        return new ReferenceView(externalId, site, doctype, name, status, docstatus == null ? null : docstatus.intValue(),
                grandTotal == null ? null : grandTotal.stripTrailingZeros(), currency,
                modified == null ? null : FrappeDateTimes.format(modified),
                updatedAt);
    }
}
