package org.quidpro.accounting.peer.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.quidpro.accounting.community.Community;
import org.quidpro.accounting.ledger.Account;
import org.quidpro.accounting.peer.Base64Field;
import org.quidpro.accounting.peer.application.Peers;
import org.quidpro.accounting.peer.persistence.PeerEntity;
import org.quidpro.platform.identity.Access;
import org.quidpro.platform.identity.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Registration by key: ask for a challenge, sign its message with the Ed25519 key, register the key
 * with the signature. Then join communities.
 */
@RestController
class PeerController {

    private final Peers peers;

    PeerController(Peers peers) {
        this.peers = peers;
    }

    /** @param message the exact UTF-8 text to sign with the key being registered */
    record ChallengeResponse(UUID challengeId, String nonce, String message, Instant expiresAt) {}

    record RegisterRequest(@NotBlank String publicKey, @NotNull UUID challengeId, @NotBlank String signature,
            @NotNull @Positive Long uploadBytesPerSecond, @NotNull @Positive Long downloadBytesPerSecond) {}

    record PeerResponse(String peerId, String publicKey, long uploadBytesPerSecond, long downloadBytesPerSecond,
            Instant registeredAt) {

        static PeerResponse of(PeerEntity peer) {
            return new PeerResponse(peer.id(), Base64Field.encode(peer.publicKey()), peer.uploadBytesPerSecond(),
                    peer.downloadBytesPerSecond(), peer.registeredAt());
        }
    }

    record JoinRequest(@NotBlank String peerId) {}

    record MembershipResponse(String community, String peerId, Instant joinedAt, String grantedCredits) {

        static MembershipResponse of(Account account) {
            return new MembershipResponse(account.community(), account.peer(), account.joinedAt(),
                    Community.decimal(account.granted()));
        }
    }

    @PostMapping("/v1/peers/challenges")
    @ResponseStatus(HttpStatus.CREATED)
    ChallengeResponse challenge() {
        var challenge = peers.challenge();
        return new ChallengeResponse(challenge.id(), Base64Field.encode(challenge.nonce()),
                new String(challenge.message(), StandardCharsets.UTF_8), challenge.expiresAt());
    }

    @PostMapping("/v1/peers")
    @ResponseStatus(HttpStatus.CREATED)
    PeerResponse register(@Valid @RequestBody RegisterRequest request) {
        return PeerResponse.of(peers.register(request.publicKey(), request.challengeId(), request.signature(),
                request.uploadBytesPerSecond(), request.downloadBytesPerSecond()));
    }

    @GetMapping("/v1/peers/{peerId}")
    PeerResponse find(@PathVariable String peerId) {
        return peers.find(peerId).map(PeerResponse::of)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no peer " + peerId));
    }

    /** Joins a community: 201 the first time (with the newcomer grant), 200 after. */
    @PostMapping("/v1/communities/{community}/members")
    ResponseEntity<MembershipResponse> join(@PathVariable String community, @Valid @RequestBody JoinRequest request,
            Caller caller) {
        Access.requirePeerOrOperator(caller, request.peerId());
        var membership = peers.join(community, request.peerId());
        return ResponseEntity.status(membership.joinedNow() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(MembershipResponse.of(membership.account()));
    }

}
