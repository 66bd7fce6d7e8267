package org.quidpro.accounting.receipt.application;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.quidpro.accounting.community.Community;
import org.quidpro.accounting.ledger.persistence.Ledger;
import org.quidpro.accounting.receipt.Receipt;
import org.quidpro.accounting.receipt.ReceiptRules;
import org.quidpro.accounting.receipt.RecordedReceipt;
import org.quidpro.accounting.receipt.SignedReceipt;
import org.quidpro.accounting.receipt.persistence.IntakeContext;
import org.quidpro.accounting.receipt.persistence.ReceiptStore;
import org.quidpro.accounting.rules.Rejected;
import org.quidpro.accounting.rules.Violation;
import org.quidpro.contracts.accounting.ContributionRecorded;
import org.quidpro.contracts.accounting.ContributionUnit;
import org.quidpro.platform.events.OutboxWriter;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where every contribution enters the system. A receipt is checked in full (fields, parties, both
 * signatures) before its transaction opens; the transaction then stores it once by id, moves the
 * credits, adds it to the totals and appends {@code ContributionRecorded}, all or nothing. The same
 * receipt submitted again, by either party, returns the original result and counts nothing twice.
 */
@Service
public class ReceiptIntake {

    /** Tries of one receipt's transaction when the database reports a transient failure. */
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

    /** What submitting a receipt did: the stored receipt, and whether this call stored it. */
    public record Outcome(RecordedReceipt recorded, boolean replayed) {}

    /**
     * @param submittedBy who reports it (the provider, the consumer, or an operator)
     * @throws Rejected when the receipt breaks a rule; nothing is stored then
     */
    public Outcome submit(SignedReceipt signed, String submittedBy) {
        Receipt receipt = signed.receipt();
        Instant now = clock.instant();
        List<Violation> violations = rules.checkFields(receipt, now);
        if (!violations.isEmpty()) {
            throw new Rejected(violations);
        }
        String id = receipt.id();
        IntakeContext context = receipts.context(id, receipt.community(), receipt.provider(), receipt.consumer());
        if (context.recorded()) {
            return new Outcome(receipts.find(id).orElseThrow(), true);
        }
        ContributionUnit unit = context.unit()
                .orElseThrow(() -> new Rejected("receipt.community", "no such community"));
        violations = rules.checkParties(signed, context.providerKey(), context.consumerKey(), context.providerIsMember(),
                context.consumerIsMember());
        if (!violations.isEmpty()) {
            throw new Rejected(violations);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> record(id, signed, unit, context.credits(), submittedBy, now));
            } catch (TransientDataAccessException e) {
                if (attempt == ATTEMPTS) {
                    throw e; // the database keeps failing: a 500, and the client may retry the same receipt
                }
            }
        }
    }

    private Outcome record(String id, SignedReceipt signed, ContributionUnit unit, Community.CreditTerms terms,
            String submittedBy, Instant now) {
        Receipt r = signed.receipt();
        BigDecimal credits = terms.enabled() ? terms.cost(r.amount()) : null;
        BigDecimal balance = ledger.lockPair(r.community(), r.provider(), r.consumer());
        if (!receipts.insert(id, signed, credits, submittedBy, now)) {
            // The other party submitted the same receipt a moment ago; its transaction has committed.
            return new Outcome(receipts.find(id).orElseThrow(), true);
        }
        if (credits != null && balance.subtract(credits).compareTo(terms.overdraftLimit().negate()) < 0) {
            throw new Rejected("receipt.consumer", "cannot pay " + credits.toPlainString() + " credits: balance "
                    + balance.toPlainString() + " would fall below the overdraft limit of -"
                    + terms.overdraftLimit().toPlainString());
        }
        ledger.book(r.community(), r.provider(), r.consumer(), r.amount(), r.satisfied(), credits, id, now);
        outbox.append(new ContributionRecorded(UUID.randomUUID(), now, id, r.community(), unit, r.provider(),
                r.consumer(), r.amount(), r.contentHash(), r.startedAt(), r.endedAt(), r.satisfied(), r.score(),
                credits == null ? null : Community.decimal(credits)));
        return new Outcome(new RecordedReceipt(id, r, credits, submittedBy, now), false);
    }
}
