package org.quidpro.contracts.index;

import java.time.Instant;
import java.util.UUID;
import org.quidpro.contracts.IntegrationEvent;

/**
 * A peer no longer holds a file in a community: it withdrew it, or its announce expired unrefreshed.
 *
 * @param reason WITHDRAWN or EXPIRED
 */
public record FileWithdrawn(
        UUID eventId, Instant occurredAt, String community, String peerId, String contentHash, Reason reason)
        implements IntegrationEvent {

    public enum Reason { WITHDRAWN, EXPIRED }

    @Override
    public String key() {
        return community + "/" + contentHash;
    }
}
