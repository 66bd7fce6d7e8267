package org.quidpro.accounting.ledger;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A member's standing in one community: what it provided and consumed (in the community's unit), and
 * its credit balance.
 *
 * @param granted credits it received as a newcomer (the only credits that enter a community)
 */
public record Account(String community, String peer, Instant joinedAt, long provided, long consumed,
        long receiptsProvided, long receiptsConsumed, BigDecimal balance, BigDecimal granted) {}
