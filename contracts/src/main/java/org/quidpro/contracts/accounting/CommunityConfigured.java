package org.quidpro.contracts.accounting;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.quidpro.contracts.IntegrationEvent;

/**
 * A community's scheme as its operator configured it, published on every change to the compacted
 * communities topic, so other services keep a copy of the latest configuration.
 *
 * @param community the community id
 * @param revision increases with every change
 * @param unit what the community counts
 * @param credits whether payment is on, and its terms; amounts are decimal strings in credits
 * @param rating the rating scheme ({@code "scheme"}: eigentrust, ratio, responsiveness) and its settings
 * @param allocation the allocation policy ({@code "policy"}) and its settings
 */
public record CommunityConfigured(
        UUID eventId, Instant occurredAt, String community, long revision, ContributionUnit unit, CreditTerms credits,
        Map<String, Object> rating, Map<String, Object> allocation) implements IntegrationEvent {

    /**
     * @param enabled whether consumers pay providers in credits
     * @param pricePerUnit credits per unit of contribution
     * @param newcomerGrant credits a peer receives when it joins
     * @param overdraftLimit how far below zero a balance may go
     */
    public record CreditTerms(boolean enabled, String pricePerUnit, String newcomerGrant, String overdraftLimit) {}

    @Override
    public String key() {
        return community;
    }
}
