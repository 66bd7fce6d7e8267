package org.quidpro.index.file;

import java.util.List;

/** One file a peer says it holds and serves, at the upload bandwidth it advertises for it. */
public record Announcement(ContentHash contentHash, long sizeBytes, String name, List<String> tags, String mimeType,
        long uploadBytesPerSecond) {

    public Announcement {
        if (sizeBytes < 0 || uploadBytesPerSecond < 0) {
            throw new IllegalArgumentException("sizes and bandwidths are not negative");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a file has a name");
        }
        tags = List.copyOf(tags);
    }
}
