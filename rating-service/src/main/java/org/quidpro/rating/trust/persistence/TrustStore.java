package org.quidpro.rating.trust.persistence;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.quidpro.rating.score.Scoring;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Members, decayed local trust and volumes. Decay is lazy: a pair's value is brought forward (halved per
 * half-life elapsed) only when a contribution adds to it or a recompute reads it; no sweep ever runs.
 */
@Repository
public class TrustStore {

    private final JdbcClient jdbc;

    public TrustStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public void addMember(String community, String peer, Instant joinedAt) {
        jdbc.sql("insert into member (community_id, peer_id, joined_at) values (:c, :p, :t) on conflict do nothing")
                .param("c", community).param("p", peer).param("t", utc(joinedAt)).update();
    }

    /** One accepted receipt: the consumer's trust in the provider moves by {@code trust}; both volumes grow. */
    public void addContribution(String community, String provider, String consumer, long amount, double trust,
            Duration halfLife, Instant at) {
        jdbc.sql("""
                insert into local_trust (community_id, truster, trustee, value, as_of)
                values (:c, :consumer, :provider, :trust, :at)
                on conflict (community_id, truster, trustee) do update set
                    value = local_trust.value * power(0.5, greatest(0, extract(epoch from (excluded.as_of - local_trust.as_of)))
                                / :halfLife) + excluded.value,
                    as_of = greatest(local_trust.as_of, excluded.as_of)""")
                .param("c", community).param("consumer", consumer).param("provider", provider).param("trust", trust)
                .param("at", utc(at)).param("halfLife", (double) halfLife.toSeconds()).update();
        jdbc.sql("""
                insert into peer_volume (community_id, peer_id, provided, consumed) values
                    (:c, :provider, :amount, 0), (:c, :consumer, 0, :amount)
                on conflict (community_id, peer_id) do update set provided = peer_volume.provided + excluded.provided,
                    consumed = peer_volume.consumed + excluded.consumed""")
                .param("c", community).param("provider", provider).param("consumer", consumer).param("amount", amount)
                .update();
        markPending(community);
    }

    /** One more change since the community's last recompute (a contribution, a settlement, a shared file). */
    public void markPending(String community) {
        jdbc.sql("""
                insert into recompute_state (community_id, pending) values (:c, 1)
                on conflict (community_id) do update set pending = recompute_state.pending + 1""")
                .param("c", community).update();
    }

    /** s_ij decayed to {@code now}. */
    public List<Scoring.Edge> trust(String community, Duration halfLife, Instant now) {
        return jdbc.sql("""
                select truster, trustee,
                       value * power(0.5, greatest(0, extract(epoch from (:now - as_of))) / :halfLife)
                from local_trust where community_id = :c""")
                .param("c", community).param("now", utc(now)).param("halfLife", (double) halfLife.toSeconds())
                .query((rs, n) -> new Scoring.Edge(rs.getString(1), rs.getString(2), rs.getDouble(3))).list();
    }

    public List<String> members(String community) {
        return jdbc.sql("select peer_id from member where community_id = :c order by peer_id").param("c", community)
                .query(String.class).list();
    }

    public List<Scoring.Volume> volumes(String community) {
        return jdbc.sql("select peer_id, provided, consumed from peer_volume where community_id = :c")
                .param("c", community).query((rs, n) -> new Scoring.Volume(rs.getString(1), rs.getLong(2), rs.getLong(3))).list();
    }

    /** A community with contributions since its last recompute. */
    public record Pending(String community, long contributions, Instant lastComputedAt) {}

    public List<Pending> pending() {
        return jdbc.sql("select community_id, pending, last_computed_at from recompute_state where pending > 0")
                .query((rs, n) -> new Pending(rs.getString(1), rs.getLong(2), rs.getObject(3, OffsetDateTime.class) == null
                        ? null : rs.getObject(3, OffsetDateTime.class).toInstant())).list();
    }

    public long pendingOf(String community) {
        return jdbc.sql("select coalesce(max(pending), 0) from recompute_state where community_id = :c")
                .param("c", community).query(Long.class).single();
    }

    public void computed(String community, long consumed, Instant now) {
        jdbc.sql("""
                update recompute_state set pending = greatest(0, pending - :consumed), last_computed_at = :now
                where community_id = :c""").param("c", community).param("consumed", consumed).param("now", utc(now))
                .update();
    }
}
