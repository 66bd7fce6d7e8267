package org.quidpro.contracts.index;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.quidpro.contracts.IntegrationEvent;

/**
 * A peer no longer holds these files in a community: it withdrew them, or their announce expired
 * unrefreshed. One event per withdrawal or pruning round and peer, split every {@link #MAX_FILES} hashes.
 *
 * @param contentHashes SHA-256 digests, lower-case hex
 * @param reason WITHDRAWN or EXPIRED
 */
public record FilesWithdrawn(
        UUID eventId, Instant occurredAt, String community, String peerId, List<String> contentHashes, Reason reason)
        implements IntegrationEvent {

    public static final int MAX_FILES = 1_000;

    public enum Reason { WITHDRAWN, EXPIRED }

    public FilesWithdrawn {
        contentHashes = List.copyOf(contentHashes);
    }

    @Override
    public String key() {
        return community + "/" + peerId;
    }
}
