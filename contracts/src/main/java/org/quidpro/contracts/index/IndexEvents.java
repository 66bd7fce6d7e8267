package org.quidpro.contracts.index;

import org.quidpro.contracts.EventType;
import org.quidpro.contracts.Topics;

/** The events the index service publishes. */
public final class IndexEvents {

    public static final EventType<FileAnnounced> FILE_ANNOUNCED =
            new EventType<>("FileAnnounced", 1, FileAnnounced.class, Topics.FILES);
    public static final EventType<FileWithdrawn> FILE_WITHDRAWN =
            new EventType<>("FileWithdrawn", 1, FileWithdrawn.class, Topics.FILES);

    private IndexEvents() {}
}
