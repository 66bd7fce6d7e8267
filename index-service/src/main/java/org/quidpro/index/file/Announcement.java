package org.quidpro.index.file;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One file a peer says it holds and serves, at the upload bandwidth it advertises for it. Checks itself
 * field by field (messages name the field): an announce carries thousands of these, and plain checks cost a
 * fraction of Bean Validation's per-element reflection.
 */
public record Announcement(ContentHash contentHash, long sizeBytes, String name, List<String> tags, String mimeType,
        long uploadBytesPerSecond) {

    public static final int MAX_NAME = 1024;
    public static final int MAX_TAGS = 32;
    public static final int MAX_TAG = 64;
    private static final Pattern MIME_TYPE =
            Pattern.compile("^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$");

    public Announcement {
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes: not negative");
        }
        if (uploadBytesPerSecond < 0) {
            throw new IllegalArgumentException("uploadBytesPerSecond: not negative");
        }
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("name: not blank, at most " + MAX_NAME + " characters");
        }
        tags = tags == null ? List.of() : List.copyOf(tags); // copyOf refuses null elements
        if (tags.size() > MAX_TAGS || tags.stream().anyMatch(t -> t.isBlank() || t.length() > MAX_TAG)) {
            throw new IllegalArgumentException("tags: at most " + MAX_TAGS + ", each not blank and at most " + MAX_TAG
                    + " characters");
        }
        if (mimeType != null && !MIME_TYPE.matcher(mimeType).matches()) {
            throw new IllegalArgumentException("mimeType: a MIME type such as video/mp4");
        }
    }

    /** From a request's fields, any of which may be missing; the message names the field at fault. */
    public static Announcement of(String contentHash, Long sizeBytes, String name, List<String> tags, String mimeType,
            Long uploadBytesPerSecond) {
        if (contentHash == null || sizeBytes == null || uploadBytesPerSecond == null) {
            throw new IllegalArgumentException((contentHash == null ? "contentHash" : sizeBytes == null ? "sizeBytes"
                    : "uploadBytesPerSecond") + ": required");
        }
        ContentHash hash;
        try {
            hash = ContentHash.parse(contentHash);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("contentHash: " + e.getMessage(), e);
        }
        try {
            return new Announcement(hash, sizeBytes, name == null ? null : name.strip(), tags, mimeType,
                    uploadBytesPerSecond);
        } catch (NullPointerException e) {
            throw new IllegalArgumentException("tags: no null tag", e);
        }
    }
}
