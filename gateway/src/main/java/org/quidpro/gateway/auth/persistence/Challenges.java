package org.quidpro.gateway.auth.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Sign-in challenges in the gateway's schema: any replica may answer the token request. */
@Repository
public class Challenges {

    private final JdbcClient jdbc;

    public Challenges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public void save(UUID id, String peerId, String message, Instant expiresAt) {
        jdbc.sql("insert into auth_challenge (id, peer_id, message, expires_at) values (:id, :peer, :message, :expires)")
                .param("id", id).param("peer", peerId).param("message", message).param("expires", utc(expiresAt))
                .update();
    }

    /** Marks the challenge used and returns its message, once, if it is the peer's and not expired. */
    public Optional<String> use(UUID id, String peerId, Instant now) {
        return jdbc.sql("""
                update auth_challenge set used_at = :now
                where id = :id and peer_id = :peer and used_at is null and expires_at > :now
                returning message""")
                .param("id", id).param("peer", peerId).param("now", utc(now)).query(String.class).optional();
    }

    public int purge(Instant before) {
        return jdbc.sql("delete from auth_challenge where expires_at < :before").param("before", utc(before)).update();
    }
}
