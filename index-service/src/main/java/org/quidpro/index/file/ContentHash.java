package org.quidpro.index.file;

import java.util.Locale;
import java.util.regex.Pattern;
import org.quidpro.contracts.Identifiers;

/**
 * A file's identity: SHA-256 of its content. Accepted as 64 hex digits or as a SHA-256 multihash in hex
 * ({@code 1220} then the digest), either case; always stored and published as 64 lower-case hex digits,
 * so one file has one key whichever way a client wrote it.
 */
public record ContentHash(String hex) {

    /** What a request may carry (Bean Validation names it; {@link #parse} normalises). */
    public static final String ACCEPTED = "^(1220)?[0-9a-fA-F]{64}$";
    private static final Pattern FORM = Pattern.compile(ACCEPTED);
    private static final Pattern STORED = Pattern.compile(Identifiers.CONTENT_HASH);

    public ContentHash {
        if (hex == null || !STORED.matcher(hex).matches()) {
            throw new IllegalArgumentException("a content hash is SHA-256 in 64 lower-case hex digits");
        }
    }

    public static ContentHash parse(String text) {
        if (text == null || !FORM.matcher(text).matches()) {
            throw new IllegalArgumentException(
                    "a content hash is SHA-256 as 64 hex digits, or a SHA-256 multihash in hex (1220 then 64 digits)");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        return new ContentHash(lower.length() == 68 ? lower.substring(4) : lower);
    }

    @Override
    public String toString() {
        return hex;
    }
}
