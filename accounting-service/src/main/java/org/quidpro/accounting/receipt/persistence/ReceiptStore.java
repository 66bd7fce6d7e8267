package org.quidpro.accounting.receipt.persistence;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.quidpro.accounting.community.Community;
import org.quidpro.accounting.peer.PeerKey;
import org.quidpro.accounting.receipt.Receipt;
import org.quidpro.accounting.receipt.RecordedReceipt;
import org.quidpro.accounting.receipt.SignedReceipt;
import org.quidpro.contracts.accounting.ContributionUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Accepted receipts, stored once by id, read back for replays and statements. */
@Repository
public class ReceiptStore {

    private static final String COLUMNS = """
            id, community_id, provider_id, consumer_id, amount, content_hash, started_at, ended_at, satisfied, score,
            nonce, credits, submitted_by, recorded_at""";

    private final JdbcClient jdbc;

    public ReceiptStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public Optional<RecordedReceipt> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from receipt where id = :id").param("id", id)
                .query(ReceiptStore::recorded).optional();
    }

    /** What checking a receipt needs, in one query (see {@link IntakeContext}). */
    public IntakeContext context(String id, String community, String provider, String consumer) {
        return jdbc.sql("""
                select c.unit, c.credits_enabled, c.price_per_unit, c.newcomer_grant, c.overdraft_limit,
                       pp.public_key, pa.peer_id is not null, cp.public_key, ca.peer_id is not null,
                       exists (select 1 from receipt r where r.id = :id)
                from (select 1) as one
                left join community c on c.id = :community
                left join peer pp on pp.id = :provider
                left join account pa on pa.community_id = :community and pa.peer_id = :provider
                left join peer cp on cp.id = :consumer
                left join account ca on ca.community_id = :community and ca.peer_id = :consumer""")
                .param("id", id).param("community", community).param("provider", provider).param("consumer", consumer)
                .query((rs, n) -> new IntakeContext(
                        Optional.ofNullable(rs.getString(1)).map(ContributionUnit::valueOf),
                        rs.getString(1) == null ? Community.CreditTerms.NONE : new Community.CreditTerms(rs.getBoolean(2),
                                rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5)),
                        key(rs.getBytes(6)), rs.getBoolean(7), key(rs.getBytes(8)), rs.getBoolean(9), rs.getBoolean(10)))
                .single();
    }

    private static Optional<PeerKey> key(byte[] raw) {
        return raw == null ? Optional.empty() : Optional.of(PeerKey.registered(raw));
    }

    /** Stores the receipt unless one with its id is there; returns whether this call stored it. */
    public boolean insert(String id, SignedReceipt signed, BigDecimal credits, String submittedBy, Instant now) {
        Receipt r = signed.receipt();
        return jdbc.sql("""
                insert into receipt (id, community_id, provider_id, consumer_id, amount, content_hash, started_at,
                    ended_at, satisfied, score, nonce, provider_signature, consumer_signature, credits, submitted_by,
                    recorded_at)
                values (:id, :community, :provider, :consumer, :amount, :contentHash, :startedAt, :endedAt, :satisfied,
                    :score, :nonce, :providerSignature, :consumerSignature, :credits, :submittedBy, :now)
                on conflict (id) do nothing""")
                .param("id", id).param("community", r.community()).param("provider", r.provider())
                .param("consumer", r.consumer()).param("amount", r.amount()).param("contentHash", r.contentHash())
                .param("startedAt", utc(r.startedAt())).param("endedAt", utc(r.endedAt()))
                .param("satisfied", r.satisfied()).param("score", r.score()).param("nonce", r.nonce())
                .param("providerSignature", signed.providerSignature())
                .param("consumerSignature", signed.consumerSignature()).param("credits", credits)
                .param("submittedBy", submittedBy).param("now", utc(now))
                .update() == 1;
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
