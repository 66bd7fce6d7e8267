package org.quidpro.accounting.peer.application;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.quidpro.accounting.community.Community;
import org.quidpro.accounting.community.application.Communities;
import org.quidpro.accounting.config.AccountingSettings;
import org.quidpro.accounting.ledger.Account;
import org.quidpro.accounting.ledger.persistence.Ledger;
import org.quidpro.accounting.peer.Base64Field;
import org.quidpro.accounting.peer.PeerKey;
import org.quidpro.accounting.peer.RegistrationChallenge;
import org.quidpro.accounting.peer.persistence.ChallengeStore;
import org.quidpro.accounting.peer.persistence.PeerEntity;
import org.quidpro.accounting.peer.persistence.PeerRepository;
import org.quidpro.accounting.rules.Rejected;
import org.quidpro.contracts.accounting.PeerJoinedCommunity;
import org.quidpro.contracts.accounting.PeerRegistered;
import org.quidpro.platform.events.OutboxWriter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Peers register a key they prove they hold, and join communities. */
@Service
public class Peers {

    private final SecureRandom random = new SecureRandom();
    private final ChallengeStore challenges;
    private final PeerRepository peers;
    private final Ledger ledger;
    private final Communities communities;
    private final OutboxWriter outbox;
    private final AccountingSettings settings;
    private final Clock clock;

    public Peers(ChallengeStore challenges, PeerRepository peers, Ledger ledger, Communities communities,
            OutboxWriter outbox, AccountingSettings settings, Clock clock) {
        this.challenges = challenges;
        this.peers = peers;
        this.ledger = ledger;
        this.communities = communities;
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional
    public RegistrationChallenge challenge() {
        byte[] nonce = new byte[32];
        random.nextBytes(nonce);
        Instant now = clock.instant();
        challenges.purge(now.minus(settings.challengeTtl()));
        var challenge = new RegistrationChallenge(UUID.randomUUID(), nonce, now.plus(settings.challengeTtl()));
        challenges.save(challenge);
        return challenge;
    }

    /**
     * Registers the key if the signature over the challenge verifies with it. The challenge is used up
     * either way, so a failed attempt cannot be retried with another signature.
     */
    @Transactional(noRollbackFor = Rejected.class)
    public PeerEntity register(String publicKey, UUID challengeId, String signature, long uploadBytesPerSecond,
            long downloadBytesPerSecond) {
        PeerKey key = PeerKey.parse("publicKey", publicKey);
        byte[] signed = Base64Field.decode("signature", signature, PeerKey.SIGNATURE_LENGTH);
        Instant now = clock.instant();
        RegistrationChallenge challenge = challenges.consume(challengeId, now)
                .orElseThrow(() -> new Rejected("challengeId", "unknown, already used, or expired: ask for a new challenge"));
        if (!key.verifies(challenge.message(), signed)) {
            throw new Rejected("signature", "does not verify with publicKey over the challenge message");
        }
        if (peers.existsById(key.peerId())) {
            throw new Rejected("publicKey", "already registered as peer " + key.peerId());
        }
        PeerEntity peer = peers.save(new PeerEntity(key.peerId(), key.raw(), uploadBytesPerSecond, downloadBytesPerSecond, now));
        outbox.append(new PeerRegistered(UUID.randomUUID(), now, peer.id(), key.base64(), uploadBytesPerSecond,
                downloadBytesPerSecond));
        return peer;
    }

    @Transactional(readOnly = true)
    public Optional<PeerEntity> find(String peerId) {
        return peers.findById(peerId);
    }

    /** A membership and whether this call created it. */
    public record Membership(Account account, boolean joinedNow) {}

    /** Makes the peer a member and credits the newcomer grant; joining again changes nothing. */
    @Transactional
    public Membership join(String community, String peerId) {
        var configured = communities.find(community).orElseThrow(() -> new Rejected("community", "no such community"));
        if (!peers.existsById(peerId)) {
            throw new Rejected("peerId", "no registered peer has this id");
        }
        Instant now = clock.instant();
        BigDecimal grant = configured.community().credits().grant();
        boolean joinedNow = ledger.open(community, peerId, grant, now);
        if (joinedNow) {
            outbox.append(new PeerJoinedCommunity(UUID.randomUUID(), now, community, peerId,
                    Community.decimal(grant)));
        }
        return new Membership(ledger.account(community, peerId).orElseThrow(), joinedNow);
    }
}
