package org.quidpro.contracts;

/**
 * The wire formats of the identifiers every service shares, as regular expressions (constants, so that
 * validation annotations can name them).
 */
public final class Identifiers {

    /** A peer id: the first 20 bytes of SHA-256 of its Ed25519 public key, in lower-case hex. */
    public static final String PEER_ID = "^[0-9a-f]{40}$";

    /** A community id: lower-case letters, digits and dashes, starting with a letter or digit, at most 63. */
    public static final String COMMUNITY_ID = "^[a-z0-9][a-z0-9-]{0,62}$";

    /** A content hash: SHA-256 in lower-case hex. */
    public static final String CONTENT_HASH = "^[0-9a-f]{64}$";

    /**
     * A content hash as clients may write it: SHA-256 as 64 hex digits or as a SHA-256 multihash in hex
     * ({@code 1220} then the digest), either case. Stored and published as {@link #CONTENT_HASH}.
     */
    public static final String CONTENT_HASH_ACCEPTED = "^(1220)?[0-9a-fA-F]{64}$";

    private Identifiers() {}
}
