package org.quidpro.accounting.peer;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.quidpro.accounting.rules.Rejected;

/**
 * A peer's Ed25519 public key (RFC 8032; the keys Java's own {@code Ed25519} generates), as its raw
 * 32 bytes. The peer id is derived from it: the first 20 bytes of SHA-256 over the raw key, in
 * lower-case hex (40 characters), so nobody can choose another peer's id.
 *
 * <p>Signatures are verified with Bouncy Castle's RFC 8032 implementation against the key's point,
 * decoded and validated once: an order of magnitude faster than the JDK's, with the same results.
 */
public final class PeerKey {

    public static final int LENGTH = 32;
    public static final int SIGNATURE_LENGTH = 64;

    static {
        Ed25519.precompute();
    }

    private final byte[] raw;
    private final Ed25519.PublicPoint point;

    private PeerKey(byte[] raw, Ed25519.PublicPoint point) {
        this.raw = raw;
        this.point = point;
    }

    /** @throws Rejected when the bytes are not a valid Ed25519 public key (a point on the curve, of full order) */
    public static PeerKey of(String field, byte[] raw) {
        if (raw.length != LENGTH) {
            throw new Rejected(field, "an Ed25519 public key is 32 bytes");
        }
        Ed25519.PublicPoint point = Ed25519.validatePublicKeyFullExport(raw, 0);
        if (point == null) {
            throw new Rejected(field, "not an Ed25519 public key");
        }
        return new PeerKey(raw.clone(), point);
    }

    /**
     * A key read back from the peer table. It was fully validated when the peer registered, so only its
     * point is decoded here; the full check (a scalar multiplication) would cost as much as a verification.
     */
    public static PeerKey registered(byte[] raw) {
        Ed25519.PublicPoint point = raw.length == LENGTH ? Ed25519.validatePublicKeyPartialExport(raw, 0) : null;
        if (point == null) {
            throw new IllegalStateException("a stored peer key does not decode");
        }
        return new PeerKey(raw.clone(), point);
    }

    public static PeerKey parse(String field, String base64) {
        return of(field, Base64Field.decode(field, base64, LENGTH));
    }

    /** The raw 32 bytes of a key Java generated (its X.509 encoding ends with them). */
    public static byte[] rawOf(PublicKey ed25519) {
        byte[] encoded = ed25519.getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - LENGTH, encoded.length);
    }

    public String peerId() {
        return peerIdOf(raw);
    }

    public static String peerIdOf(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw), 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] raw() {
        return raw.clone();
    }

    public String base64() {
        return Base64Field.encode(raw);
    }

    /** Whether {@code signature} is this key's Ed25519 signature over {@code message}. */
    public boolean verifies(byte[] message, byte[] signature) {
        return signature.length == SIGNATURE_LENGTH && Ed25519.verify(signature, 0, point, message, 0, message.length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PeerKey that && Arrays.equals(raw, that.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }
}
