package org.quidpro.accounting.peer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * What a peer signs to prove it holds the private key it registers: a server nonce, bound to the
 * challenge id and prefixed with a purpose line so the signature can never pass for a receipt's.
 */
public record RegistrationChallenge(UUID id, byte[] nonce, Instant expiresAt) {

    public static final String PURPOSE = "quidpro peer registration v1";

    /** The bytes to sign: {@code "quidpro peer registration v1\n<challenge id>\n<nonce, base64url>"}, UTF-8. */
    public byte[] message() {
        return (PURPOSE + "\n" + id + "\n" + Base64Field.encode(nonce)).getBytes(StandardCharsets.UTF_8);
    }
}
