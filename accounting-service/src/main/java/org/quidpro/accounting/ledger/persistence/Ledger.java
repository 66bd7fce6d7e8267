package org.quidpro.accounting.ledger.persistence;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.quidpro.accounting.ledger.Account;
import org.quidpro.accounting.ledger.PairTotal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Accounts, pair totals and ledger entries. Every change is an arithmetic update in the database under
 * the row lock it takes, so concurrent receipts between the same peers add up exactly.
 */
@Repository
public class Ledger {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public Ledger(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
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

    /** One receipt as the ledger books it; {@code credits} is null where credits are off. */
    public record Booking(String community, String provider, String consumer, long amount, boolean satisfied,
            BigDecimal credits, String receiptId) {}

    /**
     * Locks the accounts of every party, all in one statement and in (community, peer) order, so that
     * concurrent receipts and batches touching the same peers never deadlock; call it before writing
     * anything that references them. FOR NO KEY UPDATE does not wait for, nor block, the foreign-key
     * checks (FOR KEY SHARE) of other inserts. Returns the balances, keyed "community/peer".
     */
    public Map<String, BigDecimal> lock(Collection<String> communities, Collection<String> peers) {
        Map<String, BigDecimal> balances = new HashMap<>();
        jdbc.sql("""
                select community_id, peer_id, balance from account
                where (community_id, peer_id) in (select * from unnest(cast(:communities as text[]), cast(:peers as text[])))
                order by community_id, peer_id for no key update""")
                .param("communities", communities.toArray(String[]::new)).param("peers", peers.toArray(String[]::new))
                .query((rs, n) -> balances.put(rs.getString(1) + "/" + rs.getString(2), rs.getBigDecimal(3))).list();
        return balances;
    }

    /**
     * Books receipts under {@link #lock}: each account's totals and balance once (the sum of its
     * changes), two ledger entries per payment (they sum to zero), and the pairs' totals.
     */
    public void book(List<Booking> bookings, Instant now) {
        record Change(long provided, long consumed, long receiptsProvided, long receiptsConsumed, BigDecimal balance) {
            Change plus(Change other) {
                return new Change(provided + other.provided, consumed + other.consumed,
                        receiptsProvided + other.receiptsProvided, receiptsConsumed + other.receiptsConsumed,
                        balance.add(other.balance));
            }
        }
        record Pair(long amount, long satisfied, long receipts) {}
        Map<List<String>, Change> accounts = new TreeMap<>(java.util.Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)));
        Map<List<String>, Pair> pairs = new LinkedHashMap<>();
        List<Object[]> entries = new ArrayList<>();
        OffsetDateTime at = utc(now);
        for (Booking b : bookings) {
            BigDecimal paid = b.credits() == null ? BigDecimal.ZERO : b.credits();
            accounts.merge(List.of(b.community(), b.provider()), new Change(b.amount(), 0, 1, 0, paid), Change::plus);
            accounts.merge(List.of(b.community(), b.consumer()), new Change(0, b.amount(), 0, 1, paid.negate()), Change::plus);
            pairs.merge(List.of(b.community(), b.provider(), b.consumer()),
                    new Pair(b.amount(), b.satisfied() ? b.amount() : 0, 1),
                    (x, y) -> new Pair(x.amount + y.amount, x.satisfied + y.satisfied, x.receipts + y.receipts));
            if (b.credits() != null) {
                entries.add(new Object[] {b.community(), b.consumer(), "PAYMENT", paid.negate(), b.receiptId(), b.provider(), at});
                entries.add(new Object[] {b.community(), b.provider(), "PAYMENT", paid, b.receiptId(), b.consumer(), at});
            }
        }
        template.batchUpdate("""
                update account set provided = provided + ?, consumed = consumed + ?, receipts_provided = receipts_provided + ?,
                    receipts_consumed = receipts_consumed + ?, balance = balance + ?
                where community_id = ? and peer_id = ?""",
                accounts.entrySet().stream().map(e -> new Object[] {e.getValue().provided(), e.getValue().consumed(),
                    e.getValue().receiptsProvided(), e.getValue().receiptsConsumed(), e.getValue().balance(),
                    e.getKey().get(0), e.getKey().get(1)}).toList());
        if (!entries.isEmpty()) {
            template.batchUpdate("""
                    insert into ledger_entry (community_id, peer_id, kind, delta, receipt_id, counterparty, created_at)
                    values (?, ?, ?, ?, ?, ?, ?)""", entries);
        }
        template.batchUpdate("""
                insert into pair_total (community_id, provider_id, consumer_id, amount, satisfied_amount, receipts)
                values (?, ?, ?, ?, ?, ?)
                on conflict (community_id, provider_id, consumer_id) do update
                set amount = pair_total.amount + excluded.amount,
                    satisfied_amount = pair_total.satisfied_amount + excluded.satisfied_amount,
                    receipts = pair_total.receipts + excluded.receipts""",
                pairs.entrySet().stream().map(e -> new Object[] {e.getKey().get(0), e.getKey().get(1), e.getKey().get(2),
                    e.getValue().amount(), e.getValue().satisfied(), e.getValue().receipts()}).toList());
    }

    public Optional<PairTotal> pair(String community, String provider, String consumer) {
        return jdbc.sql("""
                select amount, satisfied_amount, receipts from pair_total
                where community_id = :community and provider_id = :provider and consumer_id = :consumer""")
                .param("community", community).param("provider", provider).param("consumer", consumer)
                .query((rs, n) -> new PairTotal(community, provider, consumer, rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .optional();
    }

    /**
     * Moves {@code amount} credits from one member to another as a coalition payoff (kind PAYOFF, both
     * entries naming the other side and the coalition); call under {@link #lock}. Credits only change
     * hands, so a community's balances still add up to its grants.
     */
    public void payoff(String community, String from, String to, BigDecimal amount, String coalition, Instant now) {
        jdbc.sql("update account set balance = balance + :delta where community_id = :c and peer_id = :p")
                .param("delta", amount.negate()).param("c", community).param("p", from).update();
        jdbc.sql("update account set balance = balance + :delta where community_id = :c and peer_id = :p")
                .param("delta", amount).param("c", community).param("p", to).update();
        entry(community, from, "PAYOFF", amount.negate(), coalition, to, now);
        entry(community, to, "PAYOFF", amount, coalition, from, now);
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
