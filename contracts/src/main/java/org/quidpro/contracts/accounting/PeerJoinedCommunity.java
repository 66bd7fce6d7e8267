package org.quidpro.contracts.accounting;

import java.time.Instant;
import java.util.UUID;
import org.quidpro.contracts.IntegrationEvent;

/**
 * A registered peer became a member of a community.
 *
 * @param grantedCredits the newcomer grant credited on joining, a decimal string ("0" without credits)
 */
public record PeerJoinedCommunity(UUID eventId, Instant occurredAt, String community, String peerId,
        String grantedCredits) implements IntegrationEvent {

    /** Keyed by peer, so it follows the peer's registration in order. */
    @Override
    public String key() {
        return peerId;
    }
}
