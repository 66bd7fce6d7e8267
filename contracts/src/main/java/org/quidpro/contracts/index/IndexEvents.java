package org.quidpro.contracts.index;

import org.quidpro.contracts.EventType;
import org.quidpro.contracts.Topics;

/** The events the index service publishes. */
public final class IndexEvents {

    public static final EventType<FilesAnnounced> FILES_ANNOUNCED =
            new EventType<>("FilesAnnounced", 1, FilesAnnounced.class, Topics.FILES);
    public static final EventType<FilesWithdrawn> FILES_WITHDRAWN =
            new EventType<>("FilesWithdrawn", 1, FilesWithdrawn.class, Topics.FILES);

    private IndexEvents() {}
}
