package org.quidpro.simulator.community;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A peer's Ed25519 key pair, as a real client holds it: the public key is registered with accounting,
 * the peer id is the first 20 bytes of its SHA-256, and the private key signs challenges and receipts.
 * The token is the gateway's bearer token from the last sign-in.
 */
public final class Identity {

    private final KeyPair keys;
    private final String id;
    private volatile String token;

    private Identity(KeyPair keys) {
        this.keys = keys;
        this.id = HexFormat.of().formatHex(sha256(raw()), 0, 20);
    }

    /** A fresh key pair from {@code random} (a seeded generator makes the run's identities repeatable). */
    public static Identity generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, random);
            return new Identity(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    public String id() {
        return id;
    }

    /** The raw 32-byte public key, base64url without padding (what accounting registers). */
    public String publicKey() {
        return base64(raw());
    }

    /** An Ed25519 signature over {@code message}, base64url without padding. */
    public String sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(keys.getPrivate());
            signer.update(message);
            return base64(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String token() {
        return token;
    }

    void token(String token) {
        this.token = token;
    }

    private byte[] raw() {
        byte[] encoded = keys.getPublic().getEncoded(); // X.509: the raw key is the last 32 bytes
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
