package org.quidpro.accounting;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import org.quidpro.accounting.peer.Base64Field;
import org.quidpro.accounting.peer.PeerKey;

/** A client's side of a peer: an Ed25519 key pair that signs. */
public record TestPeer(KeyPair keys) {

    public static TestPeer generate() {
        try {
            return new TestPeer(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] rawPublicKey() {
        return PeerKey.rawOf(keys.getPublic());
    }

    public String publicKey() {
        return Base64Field.encode(rawPublicKey());
    }

    public String id() {
        return PeerKey.peerIdOf(rawPublicKey());
    }

    public byte[] sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(keys.getPrivate());
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String signBase64(byte[] message) {
        return Base64Field.encode(sign(message));
    }
}
