package org.quidpro.coalition.formation.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.quidpro.coalition.formation.ByteRange;
import org.quidpro.coalition.formation.Member;
import org.quidpro.coalition.formation.Plan;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Coalitions as planned, the bytes their members' receipts show, and their outcome. */
@Repository
public class CoalitionStore {

    public enum Status { OPEN, COMPLETE, EXPIRED }

    /** A member as stored: the plan, the bytes received so far, and (once settled) the realised payoff. */
    public record StoredMember(int position, String peerId, Member.Role role, long advertisedBytesPerSecond,
            long rateBytesPerSecond, ByteRange bytes, double payoffSeconds, long receivedBytes, Double realisedPayoffSeconds) {

        public boolean delivered() {
            return receivedBytes >= bytes.length();
        }
    }

    /** A coalition as stored. */
    public record Stored(UUID id, String community, String requester, String contentHash, ByteRange range,
            long downloadBytesPerSecond, double bonus, long usableBytesPerSecond, double soloSeconds,
            double coalitionSeconds, double valueSeconds, Status status, Instant formedAt, Instant settleBy,
            Instant settledAt, Double realisedValueSeconds, List<StoredMember> members) {}

    private final JdbcClient jdbc;

    public CoalitionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public void insert(UUID id, String community, String requester, String contentHash, Plan plan, Instant formedAt,
            Instant settleBy) {
        jdbc.sql("""
                insert into coalition (id, community_id, requester, content_hash, first_byte, last_byte, download_bps,
                    bonus, usable_bps, solo_seconds, coalition_seconds, value_seconds, status, formed_at, settle_by)
                values (:id, :community, :requester, :hash, :first, :last, :download, :bonus, :usable, :solo,
                    :together, :value, 'OPEN', :formed, :settleBy)""")
                .param("id", id).param("community", community).param("requester", requester).param("hash", contentHash)
                .param("first", plan.range().first()).param("last", plan.range().last())
                .param("download", plan.downloadBytesPerSecond()).param("bonus", plan.bonus())
                .param("usable", plan.usableBytesPerSecond()).param("solo", plan.soloSeconds())
                .param("together", plan.coalitionSeconds()).param("value", plan.valueSeconds())
                .param("formed", utc(formedAt)).param("settleBy", utc(settleBy)).update();
        List<Member> members = plan.members();
        int size = members.size();
        // One statement for all members, as arrays: a coalition may have thousands.
        jdbc.sql("""
                insert into coalition_member (coalition_id, position, peer_id, role, advertised_bps, rate_bps,
                    first_byte, last_byte, payoff_seconds)
                select :id, m.position, m.peer, m.role, m.advertised, m.rate, m.first, m.last, m.payoff
                from unnest(:positions, :peers, :roles, :advertised, :rates, :firsts, :lasts, :payoffs)
                    as m(position, peer, role, advertised, rate, first, last, payoff)""")
                .param("id", id)
                .param("positions", java.util.stream.IntStream.range(0, size).boxed().toArray(Integer[]::new))
                .param("peers", members.stream().map(Member::peerId).toArray(String[]::new))
                .param("roles", members.stream().map(m -> m.role().name()).toArray(String[]::new))
                .param("advertised", members.stream().map(Member::advertisedBytesPerSecond).toArray(Long[]::new))
                .param("rates", members.stream().map(Member::rateBytesPerSecond).toArray(Long[]::new))
                .param("firsts", members.stream().map(m -> m.bytes().first()).toArray(Long[]::new))
                .param("lasts", members.stream().map(m -> m.bytes().last()).toArray(Long[]::new))
                .param("payoffs", members.stream().map(Member::payoffSeconds).toArray(Double[]::new))
                .update();
    }

    /** The coalition with its members. */
    public Optional<Stored> find(UUID id) {
        return jdbc.sql("""
                select id, community_id, requester, content_hash, first_byte, last_byte, download_bps, bonus, usable_bps,
                       solo_seconds, coalition_seconds, value_seconds, status, formed_at, settle_by, settled_at,
                       realised_value
                from coalition where id = :id""")
                .param("id", id)
                .query((rs, n) -> new Stored(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), new ByteRange(rs.getLong(5), rs.getLong(6)), rs.getLong(7), rs.getDouble(8),
                        rs.getLong(9), rs.getDouble(10), rs.getDouble(11), rs.getDouble(12),
                        Status.valueOf(rs.getString(13)), rs.getObject(14, OffsetDateTime.class).toInstant(),
                        rs.getObject(15, OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getObject(16, OffsetDateTime.class)).map(OffsetDateTime::toInstant)
                                .orElse(null),
                        rs.getObject(17, Double.class), members(id)))
                .optional();
    }

    private List<StoredMember> members(UUID id) {
        return jdbc.sql("""
                select position, peer_id, role, advertised_bps, rate_bps, first_byte, last_byte, payoff_seconds,
                       received_bytes, realised_payoff
                from coalition_member where coalition_id = :id order by position""")
                .param("id", id)
                .query((rs, n) -> new StoredMember(rs.getInt(1), rs.getString(2), Member.Role.valueOf(rs.getString(3)),
                        rs.getLong(4), rs.getLong(5), new ByteRange(rs.getLong(6), rs.getLong(7)), rs.getDouble(8),
                        rs.getLong(9), rs.getObject(10, Double.class)))
                .list();
    }

    /**
     * Adds a receipt's bytes to the oldest open coalition of the community in which {@code provider} still
     * owes {@code requester} part of the file, and locks that coalition; empty if there is none.
     */
    public Optional<UUID> addDelivery(String community, String requester, String contentHash, String provider,
            long bytes, Instant receiptEnded) {
        Optional<UUID> coalition = jdbc.sql("""
                select c.id, m.position from coalition c join coalition_member m on m.coalition_id = c.id
                where c.status = 'OPEN' and c.community_id = :community and c.requester = :requester
                  and c.content_hash = :hash and m.peer_id = :provider
                  and m.received_bytes < m.last_byte - m.first_byte + 1 and c.formed_at <= :ended
                order by c.formed_at, c.id limit 1
                for update of c""")
                .param("community", community).param("requester", requester).param("hash", contentHash)
                .param("provider", provider).param("ended", utc(receiptEnded))
                .query((rs, n) -> {
                    UUID id = rs.getObject(1, UUID.class);
                    jdbc.sql("update coalition_member set received_bytes = received_bytes + :bytes "
                                    + "where coalition_id = :id and position = :position")
                            .param("bytes", bytes).param("id", id).param("position", rs.getInt(2)).update();
                    return id;
                })
                .optional();
        return coalition;
    }

    public boolean allDelivered(UUID id) {
        return jdbc.sql("""
                select bool_and(received_bytes >= last_byte - first_byte + 1) from coalition_member
                where coalition_id = :id""").param("id", id).query(Boolean.class).single();
    }

    /** Open coalitions past their deadline, locked (others skip them), at most {@code limit}. */
    public List<UUID> overdue(Instant now, int limit) {
        return jdbc.sql("""
                select id from coalition where status = 'OPEN' and settle_by < :now order by settle_by
                limit :limit for update skip locked""")
                .param("now", utc(now)).param("limit", limit).query(UUID.class).list();
    }

    public void settle(UUID id, Status status, double[] realisedPayoffs, double realisedValue, Instant at) {
        jdbc.sql("""
                update coalition_member m set realised_payoff = r.payoff
                from unnest(:payoffs) with ordinality as r(payoff, position)
                where m.coalition_id = :id and m.position = r.position - 1""")
                .param("payoffs", java.util.Arrays.stream(realisedPayoffs).boxed().toArray(Double[]::new))
                .param("id", id).update();
        jdbc.sql("update coalition set status = :status, settled_at = :at, realised_value = :value where id = :id")
                .param("status", status.name()).param("at", utc(at)).param("value", realisedValue).param("id", id)
                .update();
    }
}
