package org.quidpro.rating.score.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The current score of every rated peer. */
@Repository
public class RatingStore {

    /** A peer's current rating. */
    public record Rating(String community, String peerId, String scheme, double score, double relativeScore, int rank,
            boolean newcomer, Instant computedAt) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public RatingStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Every current rating of the community, by peer. */
    public Map<String, Rating> current(String community) {
        Map<String, Rating> current = new HashMap<>();
        jdbc.sql("select " + COLUMNS + " from rating where community_id = :c").param("c", community)
                .query(RatingStore::rating).list().forEach(r -> current.put(r.peerId(), r));
        return current;
    }

    /** The current ratings of these peers that have one, by peer. */
    public Map<String, Rating> of(String community, List<String> peers) {
        Map<String, Rating> found = new HashMap<>();
        jdbc.sql("select " + COLUMNS + " from rating where community_id = :c and peer_id = any(:peers)")
                .param("c", community).param("peers", peers.toArray(String[]::new))
                .query(RatingStore::rating).list().forEach(r -> found.put(r.peerId(), r));
        return found;
    }

    public void save(List<Rating> ratings) {
        template.batchUpdate("""
                insert into rating (community_id, peer_id, scheme, score, relative_score, rank, newcomer, computed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (community_id, peer_id) do update set scheme = excluded.scheme, score = excluded.score,
                    relative_score = excluded.relative_score, rank = excluded.rank, newcomer = excluded.newcomer,
                    computed_at = excluded.computed_at""",
                ratings.stream().map(r -> new Object[] {r.community(), r.peerId(), r.scheme(), r.score(), r.relativeScore(),
                    r.rank(), r.newcomer(), OffsetDateTime.ofInstant(r.computedAt(), ZoneOffset.UTC)}).toList());
    }

    public Optional<Rating> find(String community, String peer) {
        return jdbc.sql("select " + COLUMNS + " from rating where community_id = :c and peer_id = :p")
                .param("c", community).param("p", peer).query(RatingStore::rating).optional();
    }

    public List<Rating> top(String community, int limit) {
        return jdbc.sql("select " + COLUMNS + " from rating where community_id = :c order by rank limit :limit")
                .param("c", community).param("limit", limit).query(RatingStore::rating).list();
    }

    private static final String COLUMNS =
            "community_id, peer_id, scheme, score, relative_score, rank, newcomer, computed_at";

    private static Rating rating(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Rating(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4), rs.getDouble(5), rs.getInt(6),
                rs.getBoolean(7), rs.getObject(8, OffsetDateTime.class).toInstant());
    }
}
