package org.quidpro.accounting.receipt.application;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.quidpro.accounting.community.Community;
import org.quidpro.accounting.ledger.persistence.Ledger;
import org.quidpro.accounting.peer.PeerKey;
import org.quidpro.accounting.receipt.Receipt;
import org.quidpro.accounting.receipt.ReceiptRules;
import org.quidpro.accounting.receipt.RecordedReceipt;
import org.quidpro.accounting.receipt.SignedReceipt;
import org.quidpro.accounting.receipt.persistence.ReceiptStore;
import org.quidpro.accounting.rules.Rejected;
import org.quidpro.accounting.rules.Violation;
import org.quidpro.contracts.accounting.ContributionRecorded;
import org.quidpro.platform.events.OutboxWriter;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where every contribution enters the system, one receipt or a batch at a time. Each receipt is checked
 * in full (fields, parties, both signatures, in parallel) before the transaction opens. The transaction
 * then locks every party's account in one ordered statement; with those locks held no other transaction
 * can record the same receipts, so it sees exactly which are recorded already (replays return the
 * original result and count nothing twice), decides each payment against the balances in order, and
 * writes the receipts, the ledger, the totals and one {@code ContributionRecorded} each in JDBC batches.
 * A receipt refused for its own reasons never holds back the others.
 */
@Service
public class ReceiptIntake {

    /** Tries of one batch's transaction when the database reports a transient failure. */
    static final int ATTEMPTS = 3;

    private final ReceiptRules rules;
    private final Ledger ledger;
    private final ReceiptStore receipts;
    private final OutboxWriter outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public ReceiptIntake(ReceiptRules rules, Ledger ledger, ReceiptStore receipts, OutboxWriter outbox,
            TransactionTemplate transactions, Clock clock) {
        this.rules = rules;
        this.ledger = ledger;
        this.receipts = receipts;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** What submitting a receipt did: the stored receipt, and whether an earlier submission stored it. */
    public record Outcome(RecordedReceipt recorded, boolean replayed) {}

    /** One receipt's result in a batch: an outcome, or the reasons it was refused. */
    public record Result(Outcome outcome, Rejected rejection) {}

    /**
     * @param submittedBy who reports it (the provider, the consumer, or an operator)
     * @throws Rejected when the receipt breaks a rule; nothing is stored then
     */
    public Outcome submit(SignedReceipt signed, String submittedBy) {
        Result result = submitAll(List.of(signed), submittedBy).getFirst();
        if (result.rejection() != null) {
            throw result.rejection();
        }
        return result.outcome();
    }

    /** Every receipt's result, in order. */
    public List<Result> submitAll(List<SignedReceipt> batch, String submittedBy) {
        Instant now = clock.instant();
        Result[] results = new Result[batch.size()];
        String[] ids = new String[batch.size()];
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            List<Violation> violations = rules.checkFields(batch.get(i).receipt(), now);
            if (violations.isEmpty()) {
                ids[i] = batch.get(i).receipt().id();
                open.add(i);
            } else {
                results[i] = rejected(violations);
            }
        }
        if (open.isEmpty()) {
            return List.of(results);
        }
        Set<String> communities = new LinkedHashSet<>();
        Set<String> peers = new LinkedHashSet<>();
        for (int i : open) {
            Receipt r = batch.get(i).receipt();
            communities.add(r.community());
            peers.add(r.provider());
            peers.add(r.consumer());
        }
        Map<String, ReceiptStore.Terms> terms = receipts.terms(communities);
        Map<String, PeerKey> keys = receipts.keys(peers);
        Set<String> members = receipts.memberships(communities, peers);
        // Both signatures of every receipt, on every core: the expensive part, outside any transaction.
        List<Violation>[] partyViolations = verify(batch, open, keys, members);
        List<Integer> verified = new ArrayList<>();
        for (int i : open) {
            Receipt r = batch.get(i).receipt();
            if (!terms.containsKey(r.community())) {
                results[i] = rejected(List.of(new Violation("receipt.community", "no such community")));
            } else if (!partyViolations[i].isEmpty()) {
                results[i] = rejected(partyViolations[i]);
            } else {
                verified.add(i);
            }
        }
        if (!verified.isEmpty()) {
            Map<Integer, Result> recorded = recordWithRetries(batch, ids, verified, terms, submittedBy, now);
            recorded.forEach((i, result) -> results[i] = result);
        }
        return List.of(results);
    }

    @SuppressWarnings("unchecked")
    private List<Violation>[] verify(List<SignedReceipt> batch, List<Integer> open, Map<String, PeerKey> keys,
            Set<String> members) {
        List<Violation>[] violations = new List[batch.size()];
        IntStream.range(0, open.size()).parallel().forEach(k -> {
            int i = open.get(k);
            Receipt r = batch.get(i).receipt();
            violations[i] = rules.checkParties(batch.get(i), java.util.Optional.ofNullable(keys.get(r.provider())),
                    java.util.Optional.ofNullable(keys.get(r.consumer())), members.contains(r.community() + "/" + r.provider()),
                    members.contains(r.community() + "/" + r.consumer()));
        });
        return violations;
    }

    private Map<Integer, Result> recordWithRetries(List<SignedReceipt> batch, String[] ids, List<Integer> verified,
            Map<String, ReceiptStore.Terms> terms, String submittedBy, Instant now) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> record(batch, ids, verified, terms, submittedBy, now));
            } catch (TransientDataAccessException e) {
                if (attempt == ATTEMPTS) {
                    throw e; // the database keeps failing: a 500, and the client may retry the same receipts
                }
            }
        }
    }

    private Map<Integer, Result> record(List<SignedReceipt> batch, String[] ids, List<Integer> verified,
            Map<String, ReceiptStore.Terms> terms, String submittedBy, Instant now) {
        List<String> lockCommunities = new ArrayList<>();
        List<String> lockPeers = new ArrayList<>();
        for (int i : verified) {
            Receipt r = batch.get(i).receipt();
            lockCommunities.add(r.community());
            lockPeers.add(r.provider());
            lockCommunities.add(r.community());
            lockPeers.add(r.consumer());
        }
        Map<String, BigDecimal> balances = ledger.lock(lockCommunities, lockPeers);
        Map<String, RecordedReceipt> earlier = receipts.findAll(verified.stream().map(i -> ids[i]).toList());

        Map<Integer, Result> results = new HashMap<>();
        Map<String, RecordedReceipt> accepted = new java.util.LinkedHashMap<>();
        Map<String, SignedReceipt> signatures = new HashMap<>();
        List<Ledger.Booking> bookings = new ArrayList<>();
        List<ContributionRecorded> events = new ArrayList<>();
        for (int i : verified) {
            Receipt r = batch.get(i).receipt();
            String id = ids[i];
            RecordedReceipt before = earlier.containsKey(id) ? earlier.get(id) : accepted.get(id);
            if (before != null) {
                results.put(i, new Result(new Outcome(before, true), null));
                continue;
            }
            ReceiptStore.Terms community = terms.get(r.community());
            Community.CreditTerms credits = community.credits();
            BigDecimal cost = credits.enabled() ? credits.cost(r.amount()) : null;
            if (cost != null) {
                String payer = r.community() + "/" + r.consumer();
                BigDecimal balance = balances.get(payer);
                if (balance.subtract(cost).compareTo(credits.overdraftLimit().negate()) < 0) {
                    results.put(i, rejected(List.of(new Violation("receipt.consumer", "cannot pay "
                            + cost.toPlainString() + " credits: balance " + balance.toPlainString()
                            + " would fall below the overdraft limit of -" + credits.overdraftLimit().toPlainString()))));
                    continue;
                }
                balances.put(payer, balance.subtract(cost));
                balances.merge(r.community() + "/" + r.provider(), cost, BigDecimal::add);
            }
            RecordedReceipt recorded = new RecordedReceipt(id, r, cost, submittedBy, now);
            accepted.put(id, recorded);
            signatures.put(id, batch.get(i));
            bookings.add(new Ledger.Booking(r.community(), r.provider(), r.consumer(), r.amount(), r.satisfied(), cost, id));
            events.add(new ContributionRecorded(UUID.randomUUID(), now, id, r.community(), community.unit(), r.provider(),
                    r.consumer(), r.amount(), r.contentHash(), r.startedAt(), r.endedAt(), r.satisfied(), r.score(),
                    cost == null ? null : Community.decimal(cost)));
            results.put(i, new Result(new Outcome(recorded, false), null));
        }
        if (!accepted.isEmpty()) {
            receipts.insertAll(List.copyOf(accepted.values()), signatures);
            ledger.book(bookings, now);
            outbox.appendAll(events);
        }
        return results;
    }

    private static Result rejected(List<Violation> violations) {
        return new Result(null, new Rejected(violations));
    }
}
