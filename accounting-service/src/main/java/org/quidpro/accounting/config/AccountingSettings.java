package org.quidpro.accounting.config;

import java.time.Duration;
import org.quidpro.accounting.receipt.ReceiptRules;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Accounting settings, under {@code quidpro.accounting}.
 *
 * @param receipts how late, how early and how large a receipt may be
 * @param challengeTtl how long a registration challenge may be answered
 */
@ConfigurationProperties("quidpro.accounting")
public record AccountingSettings(Receipts receipts, Duration challengeTtl) {

    public record Receipts(Duration clockSkew, Duration maxAge, long maxAmount) {}

    public ReceiptRules receiptRules() {
        return new ReceiptRules(receipts.clockSkew(), receipts.maxAge(), receipts.maxAmount());
    }
}
