package org.quidpro.index.file;

import java.util.Locale;
import org.quidpro.contracts.Identifiers;

/**
 * A file's identity: SHA-256 of its content. Accepted as 64 hex digits or as a SHA-256 multihash in hex
 * ({@code 1220} then the digest), either case; always stored and published as 64 lower-case hex digits,
 * so one file has one key whichever way a client wrote it.
 */
public record ContentHash(String hex) {

    /** What a request may carry, as a pattern; {@link #parse} checks the same by hand and normalises. */
    public static final String ACCEPTED = Identifiers.CONTENT_HASH_ACCEPTED;
    public ContentHash {
        // The same rule as Identifiers.CONTENT_HASH, checked by hand: an announce checks thousands of hashes.
        if (hex == null || hex.length() != 64 || !hexDigits(hex, 0, false)) {
            throw new IllegalArgumentException("a content hash is SHA-256 in 64 lower-case hex digits");
        }
    }

    public static ContentHash parse(String text) {
        boolean multihash = text != null && text.length() == 68 && text.startsWith("1220");
        if (text == null || (text.length() != 64 && !multihash) || !hexDigits(text, multihash ? 4 : 0, true)) {
            throw new IllegalArgumentException(
                    "a content hash is SHA-256 as 64 hex digits, or a SHA-256 multihash in hex (1220 then 64 digits)");
        }
        return new ContentHash(text.substring(multihash ? 4 : 0).toLowerCase(Locale.ROOT));
    }

    private static boolean hexDigits(String text, int from, boolean upperCaseToo) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (upperCaseToo && c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return hex;
    }
}
