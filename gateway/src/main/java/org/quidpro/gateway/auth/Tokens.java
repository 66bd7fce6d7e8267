package org.quidpro.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Short-lived peer tokens: JWTs signed with ES256 (Nimbus JOSE+JWT), subject the peer id, role "peer".
 * Verification checks the signature, the issuer and the expiry; nothing else about a token is trusted.
 *
 * <p>A peer presents the same token on every call for up to its lifetime, and an ES256 verification costs
 * more CPU than the rest of the gateway's work on a request. So a token that verified is remembered, by
 * its exact text, until it expires: the same bytes verify the same way, and the expiry is checked on
 * every call. Only valid tokens are remembered, so garbage cannot crowd them out.
 */
public final class Tokens {

    /** A verified token's peer. */
    public record Verified(String peerId, Instant expiresAt) {}

    public record Issued(String token, Instant expiresAt) {}

    private final ECDSASigner signer;
    private final ECDSAVerifier verifier;
    private final String issuer;
    private final Duration ttl;
    private final Cache<String, Verified> verified;

    /** @param jwk an EC P-256 private key as a JWK (JSON), or null to generate one */
    public Tokens(String jwk, String issuer, Duration ttl) {
        ECKey key;
        try {
            key = jwk == null || jwk.isBlank() ? new ECKeyGenerator(Curve.P_256).generate() : ECKey.parse(jwk);
        } catch (JOSEException | ParseException e) {
            throw new IllegalStateException("quidpro.gateway.token.key is not an EC P-256 private JWK", e);
        }
        if (!Curve.P_256.equals(key.getCurve()) || !key.isPrivate()) {
            throw new IllegalStateException("quidpro.gateway.token.key must be a private EC P-256 JWK");
        }
        try {
            // Built once: verification runs on every peer request, and converting the JWK is not free.
            this.signer = new ECDSASigner(key);
            this.verifier = new ECDSAVerifier(key.toPublicJWK());
        } catch (JOSEException e) {
            throw new IllegalStateException("quidpro.gateway.token.key is not usable for ES256", e);
        }
        this.issuer = issuer;
        this.ttl = ttl;
        this.verified = Caffeine.newBuilder().maximumSize(VERIFIED_TOKENS).expireAfterWrite(ttl.abs()).build();
    }

    /** How many verified tokens are remembered (about 1 KB each): the active peers of a busy replica. */
    static final int VERIFIED_TOKENS = 100_000;

    public Issued issue(String peerId, Instant now) {
        Instant expires = now.plus(ttl);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), new JWTClaimsSet.Builder()
                    .issuer(issuer).subject(peerId).claim("role", "peer").issueTime(Date.from(now))
                    .expirationTime(Date.from(expires)).build());
            jwt.sign(signer);
            return new Issued(jwt.serialize(), expires);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a token", e);
        }
    }

    /** The peer of a valid, unexpired token of this gateway; empty for anything else. */
    public Optional<Verified> verify(String token, Instant now) {
        Verified known = verified.getIfPresent(token);
        if (known != null) {
            return known.expiresAt().isAfter(now) ? Optional.of(known) : Optional.empty();
        }
        Optional<Verified> checked = check(token, now);
        checked.ifPresent(valid -> verified.put(token, valid));
        return checked;
    }

    private Optional<Verified> check(String token, Instant now) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expiry = claims.getExpirationTime();
            if (!issuer.equals(claims.getIssuer()) || expiry == null || !expiry.toInstant().isAfter(now)
                    || !"peer".equals(claims.getClaim("role")) || claims.getSubject() == null) {
                return Optional.empty();
            }
            return Optional.of(new Verified(claims.getSubject(), expiry.toInstant()));
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }
}
