package org.quidpro.gateway.auth.client;

import java.util.Optional;
import org.quidpro.gateway.config.GatewayProperties;
import org.quidpro.platform.identity.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/** A peer's registered public key, from accounting-service (which owns keys). */
@Component
public class PeerKeys {

    record Peer(String peerId, String publicKey) {}

    private final RestClient http;
    private final String secret;

    public PeerKeys(RestClient.Builder builder, GatewayProperties properties) {
        this.http = builder.clone().baseUrl(properties.services().get("accounting").toString()).build();
        this.secret = properties.secret() == null ? "" : properties.secret();
    }

    /** The base64 Ed25519 key of {@code peerId}; empty if accounting knows no such peer. */
    public Optional<String> of(String peerId) {
        try {
            return Optional.ofNullable(http.get().uri("/v1/peers/{id}", peerId)
                    .header(Caller.ROLE_HEADER, "operator").header(Caller.GATEWAY_SECRET_HEADER, secret)
                    .retrieve().body(Peer.class)).map(Peer::publicKey);
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
