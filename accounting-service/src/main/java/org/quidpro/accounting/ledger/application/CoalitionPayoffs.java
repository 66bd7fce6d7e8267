package org.quidpro.accounting.ledger.application;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.quidpro.accounting.community.application.Communities;
import org.quidpro.accounting.ledger.CoalitionPayoffTerms;
import org.quidpro.accounting.ledger.persistence.Ledger;
import org.quidpro.contracts.coalition.CoalitionSettled;
import org.springframework.stereotype.Service;

/**
 * Credits coalition payoffs where the community says so: the requester pays every member that delivered
 * its realised payoff at the community's price per second saved. Settlement comes after the transfer has
 * happened, so it is booked even past the requester's overdraft limit (the debt shows in its balance and
 * the allocation floor does the rest). Members or requesters without an account in the community are
 * skipped. Runs inside the consumer's transaction.
 */
@Service
public class CoalitionPayoffs {

    private final Communities communities;
    private final Ledger ledger;
    private final Clock clock;

    public CoalitionPayoffs(Communities communities, Ledger ledger, Clock clock) {
        this.communities = communities;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** Returns the credits moved (0 where the community does not convert utility to credits). */
    public BigDecimal credit(CoalitionSettled settled) {
        var terms = communities.find(settled.community()).flatMap(c -> CoalitionPayoffTerms.of(c.community()));
        if (terms.isEmpty()) {
            return BigDecimal.ZERO;
        }
        List<String> peers = new ArrayList<>(List.of(settled.requester()));
        settled.members().stream().filter(m -> m.payoffSeconds() > 0).forEach(m -> peers.add(m.peerId()));
        Map<String, BigDecimal> accounts = ledger.lock(java.util.Collections.nCopies(peers.size(), settled.community()), peers);
        if (!accounts.containsKey(settled.community() + "/" + settled.requester())) {
            return BigDecimal.ZERO;
        }
        BigDecimal moved = BigDecimal.ZERO;
        for (CoalitionSettled.Member m : settled.members()) {
            BigDecimal credits = terms.get().credits(m.payoffSeconds());
            if (credits.signum() > 0 && !m.peerId().equals(settled.requester())
                    && accounts.containsKey(settled.community() + "/" + m.peerId())) {
                ledger.payoff(settled.community(), settled.requester(), m.peerId(), credits,
                        "coalition:" + settled.coalitionId(), clock.instant());
                moved = moved.add(credits);
            }
        }
        return moved;
    }
}
