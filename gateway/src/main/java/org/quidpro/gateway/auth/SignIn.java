package org.quidpro.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Challenge–response with a peer's registered Ed25519 key: the gateway hands out a message naming the peer
 * and a random nonce; the peer signs its UTF-8 bytes; the signature is checked against the public key
 * accounting holds for that peer. JDK Ed25519 (RFC 8032), no hand-rolled crypto.
 */
public final class SignIn {

    /** DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows. */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private SignIn() {}

    public static String message(String peerId, byte[] nonce) {
        return "quidpro sign-in\npeer: " + peerId + "\nnonce: " + HexFormat.of().formatHex(nonce);
    }

    /**
     * @param publicKey the peer's raw Ed25519 key, base64 (as accounting serves it)
     * @param signature base64, either alphabet
     */
    public static boolean verifies(String publicKey, String message, String signature) {
        try {
            byte[] raw = decode(publicKey);
            if (raw.length != 32) {
                return false;
            }
            byte[] spki = new byte[ED25519_SPKI_PREFIX.length + 32];
            System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
            System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, 32);
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
            verifier.update(message.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Either base64 alphabet, padded or not (accounting serves URL-safe without padding). */
    private static byte[] decode(String base64) {
        return Base64.getUrlDecoder().decode(base64.strip().replace('+', '-').replace('/', '_').replace("=", ""));
    }
}
