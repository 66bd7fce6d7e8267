package org.quidpro.contracts.accounting;

import java.time.Instant;
import java.util.UUID;
import org.quidpro.contracts.IntegrationEvent;

/**
 * A receipt signed by both parties was accepted: the provider contributed {@code amount} units to the
 * consumer. Published once per receipt.
 *
 * @param receiptId the SHA-256 (hex) of the receipt's canonical bytes
 * @param contentHash what was transferred (a SHA-256 hex), or null
 * @param satisfied whether the consumer was satisfied with the episode
 * @param score the consumer's optional score, 1 to 5, or null
 * @param credits credits the consumer paid the provider (a decimal string), or null without credits
 */
public record ContributionRecorded(
        UUID eventId, Instant occurredAt, String receiptId, String community, ContributionUnit unit, String provider,
        String consumer, long amount, String contentHash, Instant startedAt, Instant endedAt, boolean satisfied,
        Integer score, String credits) implements IntegrationEvent {

    /** By community and provider: one provider's contributions stay in order. */
    @Override
    public String key() {
        return community + "/" + provider;
    }
}
