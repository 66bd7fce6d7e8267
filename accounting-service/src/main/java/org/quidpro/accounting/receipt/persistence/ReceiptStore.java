package org.quidpro.accounting.receipt.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.quidpro.accounting.community.Community;
import org.quidpro.accounting.peer.PeerKey;
import org.quidpro.accounting.receipt.Receipt;
import org.quidpro.accounting.receipt.RecordedReceipt;
import org.quidpro.accounting.receipt.SignedReceipt;
import org.quidpro.contracts.accounting.ContributionUnit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Accepted receipts, stored once by id, read back for replays and statements. */
@Repository
public class ReceiptStore {

    private static final String COLUMNS = """
            id, community_id, provider_id, consumer_id, amount, content_hash, started_at, ended_at, satisfied, score,
            nonce, credits, submitted_by, recorded_at""";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public ReceiptStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** A community's unit and credit terms, as the intake needs them. */
    public record Terms(ContributionUnit unit, Community.CreditTerms credits) {}

    /** The terms of each of these communities that exists. */
    public Map<String, Terms> terms(Collection<String> communities) {
        Map<String, Terms> terms = new HashMap<>();
        jdbc.sql("""
                select id, unit, credits_enabled, price_per_unit, newcomer_grant, overdraft_limit
                from community where id = any(:ids)""")
                .param("ids", communities.toArray(String[]::new))
                .query((rs, n) -> terms.put(rs.getString(1), new Terms(ContributionUnit.valueOf(rs.getString(2)),
                        new Community.CreditTerms(rs.getBoolean(3), rs.getBigDecimal(4), rs.getBigDecimal(5),
                                rs.getBigDecimal(6)))))
                .list();
        return terms;
    }

    /** The registered keys of each of these peers that exists. */
    public Map<String, PeerKey> keys(Collection<String> peers) {
        Map<String, PeerKey> keys = new HashMap<>();
        jdbc.sql("select id, public_key from peer where id = any(:ids)").param("ids", peers.toArray(String[]::new))
                .query((rs, n) -> keys.put(rs.getString(1), PeerKey.registered(rs.getBytes(2)))).list();
        return keys;
    }

    /** Which of these (community, peer) pairs are memberships, as "community/peer". */
    public Set<String> memberships(Collection<String> communities, Collection<String> peers) {
        return new HashSet<>(jdbc.sql("""
                select community_id || '/' || peer_id from account
                where community_id = any(:communities) and peer_id = any(:peers)""")
                .param("communities", communities.toArray(String[]::new)).param("peers", peers.toArray(String[]::new))
                .query(String.class).list());
    }

    /** The recorded receipts among these ids. */
    public Map<String, RecordedReceipt> findAll(Collection<String> ids) {
        Map<String, RecordedReceipt> found = new HashMap<>();
        jdbc.sql("select " + COLUMNS + " from receipt where id = any(:ids)").param("ids", ids.toArray(String[]::new))
                .query(ReceiptStore::recorded).list().forEach(r -> found.put(r.id(), r));
        return found;
    }

    /** Stores receipts known not to be stored yet (the caller holds both parties' account locks). */
    public void insertAll(List<RecordedReceipt> receipts, Map<String, SignedReceipt> signatures) {
        List<Object[]> rows = new ArrayList<>(receipts.size());
        for (RecordedReceipt recorded : receipts) {
            Receipt r = recorded.receipt();
            SignedReceipt signed = signatures.get(recorded.id());
            rows.add(new Object[] {recorded.id(), r.community(), r.provider(), r.consumer(), r.amount(), r.contentHash(),
                utc(r.startedAt()), utc(r.endedAt()), r.satisfied(), r.score(), r.nonce(), signed.providerSignature(),
                signed.consumerSignature(), recorded.credits(), recorded.submittedBy(), utc(recorded.recordedAt())});
        }
        template.batchUpdate("""
                insert into receipt (id, community_id, provider_id, consumer_id, amount, content_hash, started_at,
                    ended_at, satisfied, score, nonce, provider_signature, consumer_signature, credits, submitted_by,
                    recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
    }

    /**
     * A peer's receipts in a community (as provider or consumer) that ended in {@code [from, to)},
     * in (endedAt, id) order after the keyset position {@code after}.
     */
    public List<RecordedReceipt> statement(String community, String peer, Instant from, Instant to, Position after,
            int limit) {
        return jdbc.sql("select " + COLUMNS + """
                 from receipt
                where community_id = :community and (provider_id = :peer or consumer_id = :peer)
                  and ended_at >= :from and ended_at < :to
                  and (ended_at, id) > (:afterEndedAt, :afterId)
                order by ended_at, id limit :limit""")
                .param("community", community).param("peer", peer).param("from", utc(from)).param("to", utc(to))
                .param("afterEndedAt", utc(after.endedAt())).param("afterId", after.id()).param("limit", limit)
                .query(ReceiptStore::recorded).list();
    }

    /** A keyset position in a statement: the last line seen. */
    public record Position(Instant endedAt, String id) {
        public static final Position START = new Position(Instant.EPOCH, "");
    }

    private static RecordedReceipt recorded(ResultSet rs, int row) throws SQLException {
        Object score = rs.getObject("score");
        var receipt = new Receipt(rs.getString("community_id"), rs.getString("provider_id"), rs.getString("consumer_id"),
                rs.getLong("amount"), rs.getString("content_hash"),
                rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                rs.getObject("ended_at", OffsetDateTime.class).toInstant(), rs.getBoolean("satisfied"),
                score == null ? null : ((Number) score).intValue(), rs.getString("nonce"));
        return new RecordedReceipt(rs.getString("id"), receipt, rs.getBigDecimal("credits"), rs.getString("submitted_by"),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant());
    }
}
