package org.quidpro.simulator.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.quidpro.accounting.peer.PeerKey;
import org.quidpro.accounting.receipt.Receipt;
import org.quidpro.client.model.ReceiptBody;

/** The simulator signs what accounting verifies: the same canonical bytes, the same peer ids and keys. */
class ReceiptSigningTest {

    final SplittableRandom random = new SplittableRandom();

    @RepeatedTest(50)
    void theCanonicalBytesAreAccountingsForAnyReceipt() {
        Instant end = Instant.ofEpochMilli(random.nextLong(1_000_000_000_000L, 4_000_000_000_000L));
        Instant start = end.minusMillis(random.nextLong(0, 1_000_000_000L));
        String hash = random.nextBoolean() ? null : "%064x".formatted(random.nextLong(Long.MAX_VALUE));
        Integer score = random.nextBoolean() ? null : random.nextInt(1, 6);
        boolean satisfied = random.nextBoolean();
        long amount = random.nextLong(1, 1L << 52);
        String community = "c-" + Long.toString(random.nextLong(Long.MAX_VALUE), 36) + (random.nextBoolean() ? "ü\"\\" : "");
        String nonce = Long.toHexString(random.nextLong());
        String provider = "%040x".formatted(random.nextLong(Long.MAX_VALUE));
        String consumer = "%040x".formatted(random.nextLong(Long.MAX_VALUE));

        ReceiptBody body = new ReceiptBody().community(community).provider(provider).consumer(consumer).amount(amount)
                .contentHash(hash).startedAt(OffsetDateTime.ofInstant(start, ZoneOffset.UTC))
                .endedAt(OffsetDateTime.ofInstant(end, ZoneOffset.UTC)).satisfied(satisfied).score(score).nonce(nonce);
        Receipt accounting = new Receipt(community, provider, consumer, amount, hash, start, end, satisfied, score, nonce);

        assertThat(new String(ReceiptSigning.canonicalBytes(body), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(new String(accounting.canonicalBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aSignedReceiptVerifiesUnderTheRegisteredKeyAndTheIdIsAccountings() throws Exception {
        SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
        seeded.setSeed(7);
        Identity provider = Identity.generate(seeded);
        Identity consumer = Identity.generate(seeded);
        ReceiptBody body = new ReceiptBody().community("c").provider(provider.id()).consumer(consumer.id()).amount(10L)
                .startedAt(OffsetDateTime.parse("2026-11-23T10:00:00Z")).endedAt(OffsetDateTime.parse("2026-11-23T10:01:00Z"))
                .satisfied(true).nonce("n1");
        var signed = ReceiptSigning.signed(body, provider, consumer);

        PeerKey key = PeerKey.parse("publicKey", provider.publicKey());
        assertThat(key.peerId()).isEqualTo(provider.id());
        byte[] canonical = new Receipt("c", provider.id(), consumer.id(), 10, null, body.getStartedAt().toInstant(),
                body.getEndedAt().toInstant(), true, null, "n1").canonicalBytes();
        assertThat(key.verifies(canonical, java.util.Base64.getUrlDecoder().decode(signed.getProviderSignature()))).isTrue();
        assertThat(PeerKey.parse("publicKey", consumer.publicKey())
                .verifies(canonical, java.util.Base64.getUrlDecoder().decode(signed.getProviderSignature())))
                .as("not the consumer's signature").isFalse();
    }

    @Test
    void aSeededGeneratorGivesTheSameIdentities() throws Exception {
        SecureRandom a = SecureRandom.getInstance("SHA1PRNG");
        a.setSeed(42);
        SecureRandom b = SecureRandom.getInstance("SHA1PRNG");
        b.setSeed(42);
        assertThat(Identity.generate(a).id()).isEqualTo(Identity.generate(b).id());
    }
}
