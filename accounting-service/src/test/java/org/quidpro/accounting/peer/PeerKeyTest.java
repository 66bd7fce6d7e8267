package org.quidpro.accounting.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.quidpro.accounting.TestPeer;
import org.quidpro.accounting.rules.Rejected;

class PeerKeyTest {

    final byte[] message = "a receipt's canonical bytes".getBytes(StandardCharsets.UTF_8);

    @Test
    void signaturesOfJavasOwnEd25519VerifyAndAnyChangeBreaksThem() {
        TestPeer peer = TestPeer.generate();
        PeerKey key = PeerKey.of("k", peer.rawPublicKey());
        byte[] signature = peer.sign(message);

        assertThat(key.verifies(message, signature)).isTrue();
        byte[] flipped = signature.clone();
        flipped[40] ^= 0x10;
        assertThat(key.verifies(message, flipped)).isFalse();
        assertThat(key.verifies("another message".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(PeerKey.of("k", TestPeer.generate().rawPublicKey()).verifies(message, signature)).isFalse();
        assertThat(key.verifies(message, Arrays.copyOf(signature, 63))).isFalse();
    }

    @Test
    void agreesWithTheJdkOnRfc8032TestVector1() throws Exception {
        // RFC 8032, 7.1, TEST 1: empty message.
        byte[] publicKey = HexFormat.of().parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        byte[] signature = HexFormat.of().parseHex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

        assertThat(PeerKey.of("k", publicKey).verifies(new byte[0], signature)).isTrue();
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(
                HexFormat.of().parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(publicKey)))));
        jdk.update(new byte[0]);
        assertThat(jdk.verify(signature)).isTrue();
    }

    @Test
    void thePeerIdIsDerivedFromTheKey() {
        TestPeer peer = TestPeer.generate();

        assertThat(PeerKey.of("k", peer.rawPublicKey()).peerId()).isEqualTo(peer.id()).hasSize(40).matches("[0-9a-f]+");
        assertThat(PeerKey.parse("k", peer.publicKey())).isEqualTo(PeerKey.of("k", peer.rawPublicKey()));
    }

    @Test
    void bytesThatAreNoKeyAreRejectedWithTheirField() {
        byte[] notOnTheCurve = new byte[32];
        notOnTheCurve[0] = 2; // y = 2 has no x on edwards25519

        assertThatThrownBy(() -> PeerKey.of("publicKey", new byte[31])).isInstanceOf(Rejected.class)
                .hasMessageContaining("publicKey: an Ed25519 public key is 32 bytes");
        assertThatThrownBy(() -> PeerKey.of("publicKey", notOnTheCurve)).hasMessageContaining("not an Ed25519 public key");
        assertThatThrownBy(() -> PeerKey.parse("publicKey", "%%%")).hasMessageContaining("not base64");
    }
}
