package org.quidpro.accounting.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quidpro.accounting.TestPeer;
import org.quidpro.accounting.peer.PeerKey;
import org.quidpro.accounting.rules.Violation;

class ReceiptRulesTest {

    final ReceiptRules rules = new ReceiptRules(Duration.ofMinutes(5), Duration.ofDays(7), ReceiptRules.MAX_SAFE_INTEGER);
    final Instant now = Instant.parse("2026-11-23T12:00:00Z");
    final TestPeer provider = TestPeer.generate();
    final TestPeer consumer = TestPeer.generate();
    final TestPeer third = TestPeer.generate();

    Receipt receipt(long amount) {
        return new Receipt("file-sharing", provider.id(), consumer.id(), amount, null, now.minusSeconds(60),
                now.minusSeconds(10), true, 5, "AAAAAAAAAAAAAAAAAAAAAA");
    }

    SignedReceipt signedByBoth(Receipt receipt) {
        return new SignedReceipt(receipt, provider.sign(receipt.canonicalBytes()), consumer.sign(receipt.canonicalBytes()));
    }

    java.util.List<Violation> parties(SignedReceipt signed) {
        return rules.checkParties(signed, Optional.of(key(provider)), Optional.of(key(consumer)), true, true);
    }

    static PeerKey key(TestPeer peer) {
        return PeerKey.of("k", peer.rawPublicKey());
    }

    @Test
    void aReceiptSignedByBothMembersPasses() {
        SignedReceipt signed = signedByBoth(receipt(1000));

        assertThat(rules.checkFields(signed.receipt(), now)).isEmpty();
        assertThat(parties(signed)).isEmpty();
    }

    @Test
    void aForgedSignatureIsRefused() {
        Receipt receipt = receipt(1000);
        byte[] forged = provider.sign(receipt.canonicalBytes());
        forged[10] ^= 1;

        assertThat(parties(new SignedReceipt(receipt, forged, consumer.sign(receipt.canonicalBytes()))))
                .extracting(Violation::field).containsExactly("providerSignature");
    }

    @Test
    void aOneSidedReceiptIsRefused() {
        Receipt receipt = receipt(1000);
        byte[] providerOnly = provider.sign(receipt.canonicalBytes());

        assertThat(parties(new SignedReceipt(receipt, providerOnly, providerOnly)))
                .extracting(Violation::field).containsExactly("consumerSignature");
    }

    @Test
    void aSignatureByAThirdKeyIsRefused() {
        Receipt receipt = receipt(1000);

        assertThat(parties(new SignedReceipt(receipt, provider.sign(receipt.canonicalBytes()),
                third.sign(receipt.canonicalBytes())))).extracting(Violation::field).containsExactly("consumerSignature");
    }

    @Test
    void anAmountAlteredAfterSigningBreaksBothSignatures() {
        SignedReceipt signed = signedByBoth(receipt(1000));
        SignedReceipt inflated = new SignedReceipt(receipt(500_000_000_000L), signed.providerSignature(),
                signed.consumerSignature());

        assertThat(parties(inflated)).extracting(Violation::field)
                .containsExactly("providerSignature", "consumerSignature");
    }

    @Test
    void unknownPeersAndNonMembersAreRefused() {
        SignedReceipt signed = signedByBoth(receipt(1000));

        assertThat(rules.checkParties(signed, Optional.empty(), Optional.of(key(consumer)), true, false))
                .containsExactly(new Violation("receipt.provider", "no registered peer has this id"),
                        new Violation("receipt.consumer", "not a member of the community"));
    }

    @Test
    void implausibleFieldsAreNamed() {
        var selfDealing = new Receipt("file-sharing", provider.id(), provider.id(), 0, "ABC", now.plusSeconds(3600),
                now.plus(Duration.ofHours(2)), true, 9, "short");
        var stale = new Receipt("File Sharing", provider.id(), consumer.id(), 1, null, now.minus(Duration.ofDays(9)),
                now.minus(Duration.ofDays(8)).plusNanos(500), false, null, "AAAAAAAAAAAAAAAAAAAAAA");

        assertThat(rules.checkFields(selfDealing, now)).extracting(Violation::field).containsExactlyInAnyOrder(
                "receipt.consumer", "receipt.amount", "receipt.contentHash", "receipt.score", "receipt.nonce",
                "receipt.endedAt");
        assertThat(rules.checkFields(stale, now)).extracting(Violation::field).containsExactlyInAnyOrder(
                "receipt.community", "receipt.endedAt", "receipt.endedAt");
    }
}
