package org.quidpro.accounting.peer.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.quidpro.accounting.peer.RegistrationChallenge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Registration challenges: each consumed at most once, before it expires. */
@Repository
public class ChallengeStore {

    private final JdbcClient jdbc;

    public ChallengeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void save(RegistrationChallenge challenge) {
        jdbc.sql("insert into registration_challenge (id, nonce, expires_at) values (:id, :nonce, :expiresAt)")
                .param("id", challenge.id()).param("nonce", challenge.nonce())
                .param("expiresAt", OffsetDateTime.ofInstant(challenge.expiresAt(), ZoneOffset.UTC)).update();
    }

    /** Marks the challenge used and returns it, or nothing when it is unknown, used or expired. */
    public Optional<RegistrationChallenge> consume(UUID id, Instant now) {
        return jdbc.sql("""
                update registration_challenge set consumed_at = :now
                where id = :id and consumed_at is null and expires_at > :now
                returning id, nonce, expires_at""")
                .param("id", id).param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .query((rs, n) -> new RegistrationChallenge(rs.getObject(1, UUID.class), rs.getBytes(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant()))
                .optional();
    }

    /** Deletes challenges that expired before {@code before}. */
    public int purge(Instant before) {
        return jdbc.sql("delete from registration_challenge where expires_at < :before")
                .param("before", OffsetDateTime.ofInstant(before, ZoneOffset.UTC)).update();
    }
}
