package dev.sitesync.identity.store;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A global identity, read through Panache; written only by {@link IdentityStore}, never updated (trigger). */
@Entity
@Immutable
@Table(name = "identity")
public class Identity extends PanacheEntityBase {

    @Id
    @Column(name = "external_id")
    public UUID externalId;

    public String doctype;

    @Column(name = "origin_site")
    public String originSite;

    @Column(name = "origin_name")
    public String originName;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
