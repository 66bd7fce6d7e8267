package org.quidpro.accounting.peer;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import org.quidpro.accounting.rules.Rejected;

/**
 * A peer's Ed25519 public key (Java's own {@code Ed25519}), as its raw 32 bytes. The peer id is derived
 * from it: the first 20 bytes of SHA-256 over the raw key, in lower-case hex (40 characters), so nobody
 * can choose another peer's id.
 */
public final class PeerKey {

    /** X.509 SubjectPublicKeyInfo header for an Ed25519 key (RFC 8410); the raw key follows. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    public static final int LENGTH = 32;
    public static final int SIGNATURE_LENGTH = 64;

    private final byte[] raw;
    private final PublicKey key;

    private PeerKey(byte[] raw, PublicKey key) {
        this.raw = raw;
        this.key = key;
    }

    /** @throws Rejected when the bytes are not an Ed25519 public key */
    public static PeerKey of(String field, byte[] raw) {
        if (raw.length != LENGTH) {
            throw new Rejected(field, "an Ed25519 public key is 32 bytes");
        }
        byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + LENGTH);
        System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, LENGTH);
        try {
            return new PeerKey(raw.clone(), KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Rejected(field, "not an Ed25519 public key");
        }
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
        if (signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (InvalidKeyException | SignatureException e) {
            return false;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
