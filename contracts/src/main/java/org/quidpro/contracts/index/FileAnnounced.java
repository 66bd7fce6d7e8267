package org.quidpro.contracts.index;

import java.time.Instant;
import java.util.UUID;
import org.quidpro.contracts.IntegrationEvent;

/**
 * A peer started holding a file in a community (a refresh of a live announce publishes nothing): what
 * the coalition paper's Fs counts and what a supernode's holder list is made of.
 *
 * @param contentHash SHA-256 of the content, lower-case hex
 * @param sizeBytes the file's size
 * @param uploadBytesPerSecond the upload bandwidth the peer advertises for this file
 */
public record FileAnnounced(
        UUID eventId, Instant occurredAt, String community, String peerId, String contentHash, long sizeBytes, String name,
        long uploadBytesPerSecond) implements IntegrationEvent {

    @Override
    public String key() {
        return community + "/" + contentHash;
    }
}
