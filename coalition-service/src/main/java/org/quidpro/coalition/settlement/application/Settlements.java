package org.quidpro.coalition.settlement.application;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.quidpro.coalition.formation.persistence.CoalitionStore;
import org.quidpro.coalition.settlement.Settlement;
import org.quidpro.contracts.accounting.ContributionRecorded;
import org.quidpro.contracts.accounting.ContributionUnit;
import org.quidpro.contracts.coalition.CoalitionSettled;
import org.quidpro.platform.events.OutboxWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles coalitions from the receipts their members report: a ContributionRecorded for the file from a
 * member to the requester counts towards that member's part (the oldest open coalition first, when a
 * requester has several for the same file). When every part has arrived the coalition settles COMPLETE;
 * one still open at its deadline settles EXPIRED with what arrived. Either way CoalitionSettled carries
 * the realised payoffs, in the transaction that records them.
 */
@Service
public class Settlements {

    private static final Logger log = LoggerFactory.getLogger(Settlements.class);
    static final int EXPIRY_BATCH = 200;

    private final CoalitionStore store;
    private final OutboxWriter outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public Settlements(CoalitionStore store, OutboxWriter outbox, TransactionTemplate transactions, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Called inside the consumer's transaction. */
    public void onContribution(ContributionRecorded receipt) {
        if (receipt.unit() != ContributionUnit.BYTES || receipt.contentHash() == null || receipt.amount() <= 0) {
            return; // coalitions move bytes of a file; other contributions are not theirs
        }
        Instant ended = receipt.endedAt() == null ? receipt.occurredAt() : receipt.endedAt();
        store.addDelivery(receipt.community(), receipt.consumer(), receipt.contentHash(), receipt.provider(),
                receipt.amount(), ended).filter(store::allDelivered)
                .ifPresent(id -> settle(id, clock.instant()));
    }

    @Scheduled(fixedDelayString = "${quidpro.coalition.expiry-poll}")
    public int expireOverdue() {
        int total = 0;
        int settled;
        do {
            Instant now = clock.instant();
            settled = transactions.execute(status -> {
                List<UUID> overdue = store.overdue(now, EXPIRY_BATCH);
                overdue.forEach(id -> settle(id, now));
                return overdue.size();
            });
            total += settled;
        } while (settled == EXPIRY_BATCH);
        if (total > 0) {
            log.info("Settled {} overdue coalition(s)", total);
        }
        return total;
    }

    /** COMPLETE if every part arrived (whether or not the deadline has passed), else EXPIRED. */
    private void settle(UUID id, Instant now) {
        CoalitionStore.Stored coalition = store.find(id).orElseThrow();
        List<Settlement.Delivery> deliveries = coalition.members().stream().map(m -> new Settlement.Delivery(m.peerId(),
                m.rateBytesPerSecond(), m.bytes(), m.payoffSeconds(), m.receivedBytes())).toList();
        Settlement.Outcome outcome = Settlement.settle(coalition.range().length(), deliveries);
        store.settle(id, outcome.complete() ? CoalitionStore.Status.COMPLETE : CoalitionStore.Status.EXPIRED,
                outcome.payoffSeconds(), outcome.valueSeconds(), now);
        List<CoalitionSettled.Member> members = new java.util.ArrayList<>();
        for (int i = 0; i < deliveries.size(); i++) {
            Settlement.Delivery d = deliveries.get(i);
            members.add(new CoalitionSettled.Member(d.peerId(), d.delivered(), d.receivedBytes(),
                    outcome.payoffSeconds()[i]));
        }
        outbox.append(new CoalitionSettled(UUID.randomUUID(), now, id, coalition.community(), coalition.requester(),
                coalition.contentHash(), outcome.complete() ? CoalitionSettled.Outcome.COMPLETE
                        : CoalitionSettled.Outcome.EXPIRED, outcome.valueSeconds(), members));
    }
}
