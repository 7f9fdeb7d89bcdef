package dev.sitesync.identity.store;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** The name an identity's document has on one site; read through Panache, written by {@link IdentityStore}. */
@Entity
@Immutable
@Table(name = "identity_link")
@IdClass(IdentityLink.Key.class)
public class IdentityLink extends PanacheEntityBase {

    @Id
    @Column(name = "external_id")
    public UUID externalId;

    @Id
    public String site;

    public String doctype;

    @Column(name = "local_name")
    public String localName;

    @Column(name = "linked_at")
    public OffsetDateTime linkedAt;

    public static Uni<List<IdentityLink>> of(UUID externalId) {
        return list("externalId = ?1 order by linkedAt, site", externalId);
    }

    /** The links on one site of any of these external IDs. */
    public static Uni<List<IdentityLink>> on(String site, Collection<UUID> externalIds) {
        return list("site = ?1 and externalId in ?2", site, List.copyOf(new HashSet<>(externalIds)));
    }

    public static Uni<IdentityLink> named(String site, String doctype, String localName) {
        return find("site = ?1 and doctype = ?2 and localName = ?3", site, doctype, localName).firstResult();
    }

    /** The primary key: one link per identity and site. */
    public static class Key implements Serializable {

        public UUID externalId;
        public String site;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(externalId, key.externalId) && Objects.equals(site, key.site);
        }

        @Override
        public int hashCode() {
            return Objects.hash(externalId, site);
        }
    }
}
