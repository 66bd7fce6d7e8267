package org.quidpro.accounting.ledger.persistence;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.quidpro.accounting.ledger.Account;
import org.quidpro.accounting.ledger.PairTotal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Accounts, pair totals and ledger entries. Every change is an arithmetic update in the database under
 * the row lock it takes, so concurrent receipts between the same peers add up exactly.
 */
@Repository
public class Ledger {

    private final JdbcClient jdbc;

    public Ledger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /**
     * Opens a member's account and credits the newcomer grant, once. Returns {@code false} (and changes
     * nothing) when the peer is a member already.
     */
    public boolean open(String community, String peer, BigDecimal grant, Instant now) {
        int opened = jdbc.sql("""
                insert into account (community_id, peer_id, joined_at, balance, granted)
                values (:community, :peer, :now, :grant, :grant) on conflict do nothing""")
                .param("community", community).param("peer", peer).param("now", utc(now)).param("grant", grant)
                .update();
        if (opened == 1 && grant.signum() > 0) {
            entry(community, peer, "GRANT", grant, null, null, now);
        }
        return opened == 1;
    }

    public Optional<Account> account(String community, String peer) {
        return jdbc.sql("""
                select community_id, peer_id, joined_at, provided, consumed, receipts_provided, receipts_consumed,
                       balance, granted
                from account where community_id = :community and peer_id = :peer""")
                .param("community", community).param("peer", peer)
                .query((rs, n) -> new Account(rs.getString(1), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                        rs.getLong(7), rs.getBigDecimal(8), rs.getBigDecimal(9)))
                .optional();
    }

    public boolean isMember(String community, String peer) {
        return jdbc.sql("select exists (select 1 from account where community_id = :community and peer_id = :peer)")
                .param("community", community).param("peer", peer).query(Boolean.class).single();
    }

    /**
     * Locks both accounts, always in peer-id order, so that receipts in opposite directions between the
     * same two peers cannot deadlock; call it before inserting anything that references them. The lock
     * is FOR NO KEY UPDATE, which the foreign-key checks of other inserts (FOR KEY SHARE) do not wait
     * for. Returns the consumer's balance.
     */
    public BigDecimal lockPair(String community, String provider, String consumer) {
        return jdbc.sql("""
                select peer_id, balance from account where community_id = :community and peer_id in (:a, :b)
                order by peer_id for no key update""")
                .param("community", community).param("a", provider).param("b", consumer)
                .query((rs, n) -> rs.getString(1).equals(consumer) ? rs.getBigDecimal(2) : null).list().stream()
                .filter(java.util.Objects::nonNull).findFirst().orElseThrow();
    }

    /**
     * Books one receipt: both accounts' totals and, when {@code credits} is not null, the consumer paying
     * the provider (two ledger entries that sum to zero); then the pair's totals. Call it under
     * {@link #lockPair}.
     */
    public void book(String community, String provider, String consumer, long amount, boolean satisfied,
            BigDecimal credits, String receiptId, Instant now) {
        BigDecimal paid = credits == null ? BigDecimal.ZERO : credits;
        jdbc.sql("""
                update account set
                    balance = balance + case when peer_id = :provider then :paid else -:paid end,
                    provided = provided + case when peer_id = :provider then :amount else 0 end,
                    receipts_provided = receipts_provided + case when peer_id = :provider then 1 else 0 end,
                    consumed = consumed + case when peer_id = :consumer then :amount else 0 end,
                    receipts_consumed = receipts_consumed + case when peer_id = :consumer then 1 else 0 end
                where community_id = :community and peer_id in (:provider, :consumer)""")
                .param("paid", paid).param("amount", amount).param("community", community)
                .param("provider", provider).param("consumer", consumer).update();
        if (credits != null) {
            jdbc.sql("""
                    insert into ledger_entry (community_id, peer_id, kind, delta, receipt_id, counterparty, created_at)
                    values (:community, :consumer, 'PAYMENT', -:paid, :receipt, :provider, :now),
                           (:community, :provider, 'PAYMENT', :paid, :receipt, :consumer, :now)""")
                    .param("community", community).param("consumer", consumer).param("provider", provider)
                    .param("paid", paid).param("receipt", receiptId).param("now", utc(now)).update();
        }
        jdbc.sql("""
                insert into pair_total (community_id, provider_id, consumer_id, amount, satisfied_amount, receipts)
                values (:community, :provider, :consumer, :amount, :satisfied, 1)
                on conflict (community_id, provider_id, consumer_id) do update
                set amount = pair_total.amount + excluded.amount,
                    satisfied_amount = pair_total.satisfied_amount + excluded.satisfied_amount,
                    receipts = pair_total.receipts + 1""")
                .param("community", community).param("provider", provider).param("consumer", consumer)
                .param("amount", amount).param("satisfied", satisfied ? amount : 0L).update();
    }

    public Optional<PairTotal> pair(String community, String provider, String consumer) {
        return jdbc.sql("""
                select amount, satisfied_amount, receipts from pair_total
                where community_id = :community and provider_id = :provider and consumer_id = :consumer""")
                .param("community", community).param("provider", provider).param("consumer", consumer)
                .query((rs, n) -> new PairTotal(community, provider, consumer, rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .optional();
    }

    private void entry(String community, String peer, String kind, BigDecimal delta, String receiptId,
            String counterparty, Instant now) {
        jdbc.sql("""
                insert into ledger_entry (community_id, peer_id, kind, delta, receipt_id, counterparty, created_at)
                values (:community, :peer, :kind, :delta, :receipt, :counterparty, :now)""")
                .param("community", community).param("peer", peer).param("kind", kind).param("delta", delta)
                .param("receipt", receiptId).param("counterparty", counterparty).param("now", utc(now)).update();
    }
}
