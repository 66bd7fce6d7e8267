package org.quidpro.rating.community.persistence;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.quidpro.platform.transaction.AfterCommit;
import org.quidpro.rating.allocation.AllocationPolicy;
import org.quidpro.rating.community.AllocationSettings;
import org.quidpro.rating.community.RatingSettings;
import org.quidpro.rating.config.RatingProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rating service's copy of each community's settings, kept from CommunityConfigured. Allocation decisions
 * read them from memory ({@link #settings}), at most {@code quidpro.rating.read-freshness} old; a change saved
 * on this replica shows there once it commits.
 */
@Repository
public class CommunitySettingsStore {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final LoadingCache<String, Optional<Settings>> recent;

    public CommunitySettingsStore(JdbcClient jdbc, JsonMapper json, RatingProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.recent = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(properties.readFreshness())
                .build(this::read);
    }

    /** Keeps the newer revision: a replayed older event changes nothing. */
    public void save(String community, long revision, String unit, Map<String, Object> rating,
            Map<String, Object> allocation, Instant now) {
        jdbc.sql("""
                insert into community_settings (id, revision, unit, rating, allocation, updated_at)
                values (:id, :revision, :unit, cast(:rating as jsonb), cast(:allocation as jsonb), :now)
                on conflict (id) do update set revision = excluded.revision, unit = excluded.unit,
                    rating = excluded.rating, allocation = excluded.allocation, updated_at = excluded.updated_at
                where community_settings.revision < excluded.revision""")
                .param("id", community).param("revision", revision).param("unit", unit)
                .param("rating", json.writeValueAsString(rating)).param("allocation", json.writeValueAsString(allocation))
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).update();
        AfterCommit.run(() -> recent.invalidate(community));
    }

    /** A community's rating and allocation settings, read together (an allocation decision needs both). */
    public record Settings(RatingSettings rating, AllocationPolicy allocation) {}

    /** Both settings of the community, if the community is known here: from memory, at most read-freshness old. */
    public Optional<Settings> settings(String community) {
        return recent.get(community);
    }

    private Optional<Settings> read(String community) {
        return jdbc.sql("select unit, rating::text, allocation::text from community_settings where id = :id")
                .param("id", community)
                .query((rs, n) -> new Settings(RatingSettings.from(json.readValue(rs.getString(2), MAP), rs.getString(1)),
                        AllocationSettings.from(json.readValue(rs.getString(3), MAP))))
                .optional();
    }

    public Optional<RatingSettings> find(String community) {
        return jdbc.sql("select unit, rating::text from community_settings where id = :id").param("id", community)
                .query((rs, n) -> RatingSettings.from(json.readValue(rs.getString(2), MAP), rs.getString(1)))
                .optional();
    }
}
