package org.quidpro.accounting.receipt;

import org.quidpro.contracts.Identifiers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.quidpro.accounting.rules.Violation;
import org.quidpro.accounting.community.Community;
import org.quidpro.accounting.peer.PeerKey;

/**
 * What makes a receipt acceptable. Nobody can claim a contribution the other side did not sign: both
 * signatures must verify against the keys the two peers registered, both must be members of the
 * community, and the episode must be plausible.
 *
 * @param clockSkew how far in the future an episode may end (clocks differ)
 * @param maxAge how long after its end a receipt may still be reported
 * @param maxAmount the largest amount one receipt may carry (JSON's safe integer range at most)
 */
public record ReceiptRules(Duration clockSkew, Duration maxAge, long maxAmount) {

    public static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;
    static final Pattern PEER_ID = Pattern.compile(Identifiers.PEER_ID);
    static final Pattern CONTENT_HASH = Pattern.compile(Identifiers.CONTENT_HASH);
    static final Pattern NONCE = Pattern.compile("^[A-Za-z0-9_-]{16,64}$");

    public ReceiptRules {
        if (maxAmount < 1 || maxAmount > MAX_SAFE_INTEGER) {
            throw new IllegalArgumentException("maxAmount is between 1 and 2^53 - 1");
        }
    }

    /** What the receipt's own fields break, before anything is looked up. */
    public List<Violation> checkFields(Receipt receipt, Instant now) {
        List<Violation> violations = new ArrayList<>();
        if (!Community.ID.matcher(receipt.community()).matches()) {
            violations.add(new Violation("receipt.community", "not a community id"));
        }
        if (!PEER_ID.matcher(receipt.provider()).matches()) {
            violations.add(new Violation("receipt.provider", "not a peer id (40 lower-case hex digits)"));
        }
        if (!PEER_ID.matcher(receipt.consumer()).matches()) {
            violations.add(new Violation("receipt.consumer", "not a peer id (40 lower-case hex digits)"));
        }
        if (receipt.provider().equals(receipt.consumer())) {
            violations.add(new Violation("receipt.consumer", "a peer cannot contribute to itself"));
        }
        if (receipt.amount() <= 0) {
            violations.add(new Violation("receipt.amount", "must be positive"));
        } else if (receipt.amount() > maxAmount) {
            violations.add(new Violation("receipt.amount", "at most " + maxAmount + " per receipt"));
        }
        if (receipt.contentHash() != null && !CONTENT_HASH.matcher(receipt.contentHash()).matches()) {
            violations.add(new Violation("receipt.contentHash", "a SHA-256 in lower-case hex (64 digits)"));
        }
        if (receipt.score() != null && (receipt.score() < 1 || receipt.score() > 5)) {
            violations.add(new Violation("receipt.score", "from 1 to 5"));
        }
        if (!NONCE.matcher(receipt.nonce()).matches()) {
            violations.add(new Violation("receipt.nonce", "16 to 64 base64url characters"));
        }
        checkTimes(receipt.startedAt(), receipt.endedAt(), now, violations);
        return violations;
    }

    private void checkTimes(Instant started, Instant ended, Instant now, List<Violation> violations) {
        if (started.getNano() % 1_000_000 != 0) {
            violations.add(new Violation("receipt.startedAt", "whole milliseconds only (it is signed as epoch milliseconds)"));
        }
        if (ended.getNano() % 1_000_000 != 0) {
            violations.add(new Violation("receipt.endedAt", "whole milliseconds only (it is signed as epoch milliseconds)"));
        }
        if (started.isAfter(ended)) {
            violations.add(new Violation("receipt.startedAt", "after endedAt"));
        }
        if (ended.isAfter(now.plus(clockSkew))) {
            violations.add(new Violation("receipt.endedAt", "in the future (more than " + clockSkew.toSeconds() + " s ahead)"));
        }
        if (ended.isBefore(now.minus(maxAge))) {
            violations.add(new Violation("receipt.endedAt", "older than " + maxAge.toHours() + " h: too late to report"));
        }
    }

    /**
     * What the parties break: unknown peers, non-members, and signatures that do not verify against
     * the registered keys over the canonical bytes.
     */
    public List<Violation> checkParties(SignedReceipt signed, Optional<PeerKey> providerKey, Optional<PeerKey> consumerKey,
            boolean providerIsMember, boolean consumerIsMember) {
        List<Violation> violations = new ArrayList<>();
        byte[] message = signed.receipt().canonicalBytes();
        party(violations, "provider", providerKey, providerIsMember, message, signed.providerSignature());
        party(violations, "consumer", consumerKey, consumerIsMember, message, signed.consumerSignature());
        return violations;
    }

    private static void party(List<Violation> violations, String role, Optional<PeerKey> key, boolean member, byte[] message,
            byte[] signature) {
        if (key.isEmpty()) {
            violations.add(new Violation("receipt." + role, "no registered peer has this id"));
            return;
        }
        if (!member) {
            violations.add(new Violation("receipt." + role, "not a member of the community"));
        }
        if (!key.get().verifies(message, signature)) {
            violations.add(new Violation(role + "Signature", "does not verify with the " + role + "'s registered key over the receipt's canonical bytes"));
        }
    }
}
