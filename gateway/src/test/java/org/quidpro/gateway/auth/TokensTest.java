package org.quidpro.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class TokensTest {

    private static final String PEER = "a".repeat(40);
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private final Tokens tokens = new Tokens(null, "quidpro-gateway", Duration.ofMinutes(15));

    @Test
    void aTokenVerifiesOnEveryCallUntilItExpiresAndNotAfter() {
        String token = tokens.issue(PEER, NOW).token();

        assertThat(tokens.verify(token, NOW)).map(Tokens.Verified::peerId).contains(PEER);
        // The second call is answered from the remembered verification: same answer.
        assertThat(tokens.verify(token, NOW.plusSeconds(60))).map(Tokens.Verified::peerId).contains(PEER);
        // Remembered or not, an expired token is refused.
        assertThat(tokens.verify(token, NOW.plus(Duration.ofMinutes(15)))).isEmpty();
        assertThat(tokens.verify(token, NOW.plus(Duration.ofHours(1)))).isEmpty();
    }

    @Test
    void aTokenWithAnotherSubjectIsRefusedEvenWhenTheOriginalWasVerifiedBefore() {
        String token = tokens.issue(PEER, NOW).token();
        assertThat(tokens.verify(token, NOW)).isPresent();

        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.replace(PEER, "b".repeat(40)).getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertThat(tokens.verify(forged, NOW)).isEmpty();
        assertThat(tokens.verify(forged, NOW)).isEmpty();
    }

    @Test
    void aTokenOfAnotherKeyOrIssuerIsRefused() {
        String foreignKey = new Tokens(null, "quidpro-gateway", Duration.ofMinutes(15)).issue(PEER, NOW).token();
        assertThat(tokens.verify(foreignKey, NOW)).isEmpty();
        assertThat(tokens.verify("not.a.token", NOW)).isEmpty();
    }
}
