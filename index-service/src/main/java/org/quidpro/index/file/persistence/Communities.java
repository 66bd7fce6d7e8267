package org.quidpro.index.file.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The communities the index serves, from CommunityConfigured: files are announced only into these. */
@Repository
public class Communities {

    private final JdbcClient jdbc;

    public Communities(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps the newest revision; {@code holderOrder} is the community's own ranking, or null for the default. */
    public void save(String community, long revision, String holderOrder, Instant at) {
        jdbc.sql("""
                insert into community (id, revision, holder_order, updated_at) values (:id, :revision, :order, :at)
                on conflict (id) do update set revision = excluded.revision, holder_order = excluded.holder_order,
                    updated_at = excluded.updated_at
                where community.revision < excluded.revision""")
                .param("id", community).param("revision", revision).param("order", holderOrder)
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).update();
    }

    public java.util.Optional<String> holderOrder(String community) {
        return jdbc.sql("select holder_order from community where id = :id").param("id", community)
                .query((rs, n) -> java.util.Optional.ofNullable(rs.getString(1))).optional()
                .flatMap(order -> order);
    }

    public boolean known(String community) {
        return jdbc.sql("select exists (select 1 from community where id = :id)").param("id", community)
                .query(Boolean.class).single();
    }

    /** Keeps the newest relative score of a peer (a replayed older RatingChanged changes nothing). */
    public void rate(String community, String peer, double relativeScore, Instant at) {
        jdbc.sql("""
                insert into peer_rating (community_id, peer_id, relative_score, rated_at) values (:c, :p, :s, :at)
                on conflict (community_id, peer_id) do update set relative_score = excluded.relative_score,
                    rated_at = excluded.rated_at where peer_rating.rated_at < excluded.rated_at""")
                .param("c", community).param("p", peer).param("s", relativeScore)
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).update();
    }
}
