package org.quidpro.coalition.community.persistence;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.quidpro.coalition.community.CoalitionSettings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The communities the service serves (from CommunityConfigured) and their coalition settings. */
@Repository
public class CommunitySettingsStore {

    private final JdbcClient jdbc;

    public CommunitySettingsStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps the newest revision (a replayed older one changes nothing). */
    public void save(String community, long revision, CoalitionSettings settings, Instant at) {
        jdbc.sql("""
                insert into community (id, revision, max_members, settle_within_seconds, updated_at)
                values (:id, :revision, :members, :within, :at)
                on conflict (id) do update set revision = excluded.revision, max_members = excluded.max_members,
                    settle_within_seconds = excluded.settle_within_seconds, updated_at = excluded.updated_at
                where community.revision < excluded.revision""")
                .param("id", community).param("revision", revision).param("members", settings.maxMembers())
                .param("within", settings.settleWithin().toSeconds())
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).update();
    }

    public Optional<CoalitionSettings> settings(String community) {
        return jdbc.sql("select max_members, settle_within_seconds from community where id = :id")
                .param("id", community)
                .query((rs, n) -> new CoalitionSettings(rs.getInt(1), Duration.ofSeconds(rs.getLong(2))))
                .optional();
    }
}
