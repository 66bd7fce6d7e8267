package org.quidpro.accounting.receipt;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An accepted receipt and what accepting it did.
 *
 * @param credits what the consumer paid the provider, or null where credits are off
 * @param submittedBy the peer (or operator) that reported it
 */
public record RecordedReceipt(String id, Receipt receipt, BigDecimal credits, String submittedBy, Instant recordedAt) {}
