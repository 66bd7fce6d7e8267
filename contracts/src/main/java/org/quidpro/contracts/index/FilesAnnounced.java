package org.quidpro.contracts.index;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.quidpro.contracts.IntegrationEvent;

/**
 * A peer started holding files in a community: one event per announce (split every {@link #MAX_FILES}
 * files), listing only the holdings that are new (a refresh of a live announce publishes nothing). One
 * event per announce, not per file, because a peer announces thousands of files at once and the event is
 * one fact: per-file events cost the outbox, the relay and the broker a hundred times more for the same
 * information. Keyed by community and peer, so a peer's announces and withdrawals stay in order.
 */
public record FilesAnnounced(UUID eventId, Instant occurredAt, String community, String peerId, List<File> files)
        implements IntegrationEvent {

    /** Files per event at most: 500 names of 1 KiB stay well under Kafka's 1 MB message limit. */
    public static final int MAX_FILES = 500;

    /**
     * @param contentHash SHA-256 of the content, lower-case hex
     * @param sizeBytes the file's size
     * @param uploadBytesPerSecond the upload bandwidth the peer advertises for this file
     */
    public record File(String contentHash, long sizeBytes, String name, long uploadBytesPerSecond) {}

    public FilesAnnounced {
        files = List.copyOf(files);
    }

    @Override
    public String key() {
        return community + "/" + peerId;
    }
}
