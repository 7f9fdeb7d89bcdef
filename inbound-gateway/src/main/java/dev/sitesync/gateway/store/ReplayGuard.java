package dev.sitesync.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import dev.sitesync.gateway.config.GatewayConfig;
import dev.sitesync.gateway.domain.ReplayKey;

/**
 * Remembers webhooks taken, for the replay window, in PostgreSQL so every replica sees the same. Insert first: the
 * primary key decides a race between two replicas in one statement. Blocking JDBC: call from a worker thread.
 */
@ApplicationScoped
public class ReplayGuard {

    private static final String CLAIM = """
            insert into webhook_replay (site, doctype, name, modified, body_sha256, expires_at)
            values (?, ?, ?, ?, ?, now() + make_interval(secs => ?))
            on conflict (site, doctype, name, modified, body_sha256) do update
                set seen_at = now(), expires_at = excluded.expires_at
                where webhook_replay.expires_at < now()""";
    private static final String RELEASE = """
            delete from webhook_replay where site = ? and doctype = ? and name = ? and modified = ? and body_sha256 = ?""";
    private static final String PURGE = """
            delete from webhook_replay where ctid in (select ctid from webhook_replay where expires_at < now() limit ?)""";

    private final DataSource dataSource;
    private final Duration ttl;

    public ReplayGuard(DataSource dataSource, GatewayConfig config) {
        this.dataSource = dataSource;
        this.ttl = config.webhooks().replayTtl();
    }

    /** True when this delivery is new (or its earlier record expired) and is now claimed; false for a replay. */
    public boolean claim(ReplayKey key) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            bind(claim, key);
            claim.setLong(6, ttl.toSeconds());
            return claim.executeUpdate() == 1;
        }
    }

    /** Forgets a claim whose forward failed, so the sender's retry is taken rather than dropped as a replay. */
    public void release(ReplayKey key) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement release = connection.prepareStatement(RELEASE)) {
            bind(release, key);
            release.executeUpdate();
        }
    }

    /** Deletes up to {@code limit} expired records; returns how many. */
    public int purgeExpired(int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement purge = connection.prepareStatement(PURGE)) {
            purge.setInt(1, limit);
            return purge.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, ReplayKey key) throws SQLException {
        statement.setString(1, key.site());
        statement.setString(2, key.doctype());
        statement.setString(3, key.name());
        statement.setString(4, key.modified());
        statement.setString(5, key.bodySha256());
    }
}
