package org.quidpro.contracts.accounting;

import java.time.Instant;
import java.util.UUID;
import org.quidpro.contracts.IntegrationEvent;

/**
 * A peer proved it holds an Ed25519 key and registered it.
 *
 * @param peerId derived from the key (see accounting's README)
 * @param publicKey the raw 32-byte Ed25519 public key, base64url without padding
 * @param uploadBytesPerSecond the upload bandwidth the peer declares it dedicates (b_in)
 * @param downloadBytesPerSecond the download bandwidth the peer declares (b_out)
 */
public record PeerRegistered(
        UUID eventId, Instant occurredAt, String peerId, String publicKey, long uploadBytesPerSecond,
        long downloadBytesPerSecond) implements IntegrationEvent {

    @Override
    public String key() {
        return peerId;
    }
}
