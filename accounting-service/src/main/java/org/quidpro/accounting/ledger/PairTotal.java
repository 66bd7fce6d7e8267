package org.quidpro.accounting.ledger;

/** What one provider contributed to one consumer in a community, in the community's unit. */
public record PairTotal(String community, String provider, String consumer, long amount, long satisfiedAmount,
        long receipts) {}
