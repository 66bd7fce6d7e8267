package org.quidpro.gateway.auth.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.quidpro.contracts.Identifiers;
import org.quidpro.gateway.auth.SignIn;
import org.quidpro.gateway.auth.Tokens;
import org.quidpro.gateway.auth.client.PeerKeys;
import org.quidpro.gateway.auth.persistence.Challenges;
import org.quidpro.gateway.config.GatewayProperties;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A peer signs in with the Ed25519 key it registered with accounting: it asks for a challenge, signs the
 * message, and exchanges the signature for a short-lived token to send as {@code Authorization: Bearer}.
 */
@RestController
class AuthController {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Challenges challenges;
    private final PeerKeys keys;
    private final Tokens tokens;
    private final GatewayProperties properties;
    private final Clock clock;

    AuthController(Challenges challenges, PeerKeys keys, Tokens tokens, GatewayProperties properties, Clock clock) {
        this.challenges = challenges;
        this.keys = keys;
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
    }

    record ChallengeRequest(@NotNull @Pattern(regexp = Identifiers.PEER_ID) String peerId) {}

    /** @param message the exact text to sign, as UTF-8 */
    record ChallengeResponse(UUID challengeId, String message, Instant expiresAt) {}

    record TokenRequest(@NotNull @Pattern(regexp = Identifiers.PEER_ID) String peerId, @NotNull UUID challengeId,
            @NotBlank String signature) {}

    record TokenResponse(String token, String tokenType, Instant expiresAt) {}

    @PostMapping("/v1/auth/challenges")
    @ResponseStatus(HttpStatus.CREATED)
    ChallengeResponse challenge(@Valid @RequestBody ChallengeRequest request) {
        byte[] nonce = new byte[32];
        RANDOM.nextBytes(nonce);
        UUID id = UUID.randomUUID();
        String message = SignIn.message(request.peerId(), nonce);
        Instant expires = clock.instant().plus(properties.challengeTtl());
        challenges.save(id, request.peerId(), message, expires);
        return new ChallengeResponse(id, message, expires);
    }

    @PostMapping("/v1/auth/tokens")
    TokenResponse token(@Valid @RequestBody TokenRequest request) {
        Instant now = clock.instant();
        String message = challenges.use(request.challengeId(), request.peerId(), now).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.UNAUTHORIZED, "no such challenge for this peer, or used or expired"));
        String key = keys.of(request.peerId()).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.UNAUTHORIZED, "no registered peer " + request.peerId()));
        if (!SignIn.verifies(key, message, request.signature())) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "the signature does not verify with "
                    + request.peerId() + "'s registered key");
        }
        Tokens.Issued issued = tokens.issue(request.peerId(), now);
        return new TokenResponse(issued.token(), "Bearer", issued.expiresAt());
    }
}
