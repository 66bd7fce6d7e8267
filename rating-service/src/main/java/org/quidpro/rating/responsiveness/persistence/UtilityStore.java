package org.quidpro.rating.responsiveness.persistence;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.quidpro.rating.responsiveness.Utility;
import org.quidpro.rating.trust.persistence.TrustStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Up, Dp and Fs per peer; Up and Dp halve every half-life, brought forward when added to or read. */
@Repository
public class UtilityStore {

    private static final String DECAY = "power(0.5, greatest(0, extract(epoch from (%s - peer_utility.as_of))) / :halfLife)";

    private final JdbcClient jdbc;
    private final TrustStore trust;

    public UtilityStore(JdbcClient jdbc, TrustStore trust) {
        this.jdbc = jdbc;
        this.trust = trust;
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Adds utility earned and consumed (seconds), decaying what was there; also marks the community pending. */
    public void add(String community, String peer, double earned, double consumed, Duration halfLife, Instant at) {
        jdbc.sql("""
                insert into peer_utility (community_id, peer_id, earned, consumed, as_of)
                values (:c, :p, :earned, :consumed, :at)
                on conflict (community_id, peer_id) do update set
                    earned = peer_utility.earned * %1$s + excluded.earned,
                    consumed = peer_utility.consumed * %1$s + excluded.consumed,
                    as_of = greatest(peer_utility.as_of, excluded.as_of)""".formatted(DECAY.formatted("excluded.as_of")))
                .param("c", community).param("p", peer).param("earned", earned).param("consumed", consumed)
                .param("at", utc(at)).param("halfLife", (double) halfLife.toSeconds()).update();
        trust.markPending(community);
    }

    /** Fs moves by {@code delta} (never below 0). */
    public void share(String community, String peer, long delta, Instant at) {
        jdbc.sql("""
                insert into peer_utility (community_id, peer_id, files_shared, as_of) values (:c, :p, greatest(0, :d), :at)
                on conflict (community_id, peer_id) do update set
                    files_shared = greatest(0, peer_utility.files_shared + :d)""")
                .param("c", community).param("p", peer).param("d", delta).param("at", utc(at)).update();
        trust.markPending(community);
    }

    public Map<String, Utility> all(String community, Duration halfLife, Instant now) {
        Map<String, Utility> utilities = new HashMap<>();
        jdbc.sql("select peer_id, earned * %1$s, consumed * %1$s, files_shared from peer_utility where community_id = :c"
                        .formatted(DECAY.formatted(":now")))
                .param("c", community).param("now", utc(now)).param("halfLife", (double) halfLife.toSeconds())
                .query(rs -> {
                    utilities.put(rs.getString(1), new Utility(rs.getDouble(2), rs.getDouble(3), rs.getLong(4)));
                });
        return utilities;
    }

    public Optional<Utility> of(String community, String peer, Duration halfLife, Instant now) {
        return jdbc.sql("select earned * %1$s, consumed * %1$s, files_shared from peer_utility where community_id = :c and peer_id = :p"
                        .formatted(DECAY.formatted(":now")))
                .param("c", community).param("p", peer).param("now", utc(now))
                .param("halfLife", (double) halfLife.toSeconds())
                .query((rs, n) -> new Utility(rs.getDouble(1), rs.getDouble(2), rs.getLong(3))).optional();
    }
}
