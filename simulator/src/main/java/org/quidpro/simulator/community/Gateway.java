package org.quidpro.simulator.community;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.quidpro.client.ApiClient;
import org.quidpro.client.ApiException;
import org.quidpro.client.api.AllocationControllerApi;
import org.quidpro.client.api.AuthControllerApi;
import org.quidpro.client.api.CoalitionControllerApi;
import org.quidpro.client.api.CommunityControllerApi;
import org.quidpro.client.api.FileControllerApi;
import org.quidpro.client.api.PeerControllerApi;
import org.quidpro.client.api.RatingControllerApi;
import org.quidpro.client.api.ReceiptControllerApi;
import org.quidpro.client.api.ResponsivenessControllerApi;
import org.quidpro.client.api.SearchControllerApi;
import org.quidpro.client.model.ChallengeRequest;
import org.quidpro.client.model.JoinRequest;
import org.quidpro.client.model.RegisterRequest;
import org.quidpro.client.model.TokenRequest;

/**
 * The gateway as the simulated peers see it: the generated client, one bearer token per identity, and
 * the manners of a well-behaved client (it waits out a 429 or 503 for as long as Retry-After says, and
 * signs in again when its token has expired).
 */
public final class Gateway {

    /** A call of the generated client with the caller's headers. */
    @FunctionalInterface
    public interface Call<T> {
        T with(Map<String, String> headers) throws ApiException;
    }

    private static final int ATTEMPTS = 8;

    public final PeerControllerApi peers;
    public final AuthControllerApi auth;
    public final CommunityControllerApi communities;
    public final FileControllerApi files;
    public final SearchControllerApi search;
    public final CoalitionControllerApi coalitions;
    public final AllocationControllerApi allocations;
    public final ReceiptControllerApi receipts;
    public final RatingControllerApi ratings;
    public final ResponsivenessControllerApi responsiveness;
    private final String operatorKey;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong waits = new AtomicLong();

    public Gateway(URI url, String operatorKey) {
        ApiClient api = new ApiClient();
        api.updateBaseUri(url.toString());
        api.setConnectTimeout(Duration.ofSeconds(5));
        api.setReadTimeout(Duration.ofSeconds(30));
        this.peers = new PeerControllerApi(api);
        this.auth = new AuthControllerApi(api);
        this.communities = new CommunityControllerApi(api);
        this.files = new FileControllerApi(api);
        this.search = new SearchControllerApi(api);
        this.coalitions = new CoalitionControllerApi(api);
        this.allocations = new AllocationControllerApi(api);
        this.receipts = new ReceiptControllerApi(api);
        this.ratings = new RatingControllerApi(api);
        this.responsiveness = new ResponsivenessControllerApi(api);
        this.operatorKey = operatorKey;
    }

    /** Registers the key with accounting (challenge signed by it), signs in, and joins the community. */
    public void enrol(Identity peer, long uploadBytesPerSecond, long downloadBytesPerSecond, String community) {
        anonymous(headers -> {
            var challenge = peers.accountingChallenge(headers);
            try {
                return peers.register(new RegisterRequest().publicKey(peer.publicKey())
                        .challengeId(challenge.getChallengeId())
                        .signature(peer.sign(challenge.getMessage().getBytes(StandardCharsets.UTF_8)))
                        .uploadBytesPerSecond(uploadBytesPerSecond).downloadBytesPerSecond(downloadBytesPerSecond),
                        headers);
            } catch (ApiException e) {
                if (e.getCode() == 422 && e.getResponseBody() != null
                        && e.getResponseBody().contains("already registered as peer " + peer.id())) {
                    return null; // the key is registered already: a repeated run with the same seed
                }
                throw e;
            }
        });
        signIn(peer);
        as(peer, headers -> peers.join(community, new JoinRequest().peerId(peer.id()), headers));
    }

    /** Challenge-response with the peer's key for a fresh bearer token. */
    public void signIn(Identity peer) {
        String token = anonymous(headers -> {
            var challenge = auth.challenge(new ChallengeRequest().peerId(peer.id()), headers);
            return auth.token(new TokenRequest().peerId(peer.id()).challengeId(challenge.getChallengeId())
                    .signature(peer.sign(challenge.getMessage().getBytes(StandardCharsets.UTF_8))), headers).getToken();
        });
        peer.token("Bearer " + token);
    }

    /** A call as {@code peer}, with its token. */
    public <T> T as(Identity peer, Call<T> call) {
        return attempt(() -> Map.of("Authorization", peer.token()), call, peer);
    }

    /** A call with the operator's API key (configuring the community). */
    public <T> T asOperator(Call<T> call) {
        return attempt(() -> Map.of("X-Api-Key", operatorKey), call, null);
    }

    public <T> T anonymous(Call<T> call) {
        return attempt(Map::of, call, null);
    }

    /** Requests sent, and how many of them had to wait for a 429 or 503 to pass. */
    public long calls() {
        return calls.get();
    }

    public long waits() {
        return waits.get();
    }

    private <T> T attempt(java.util.function.Supplier<Map<String, String>> headers, Call<T> call, Identity peer) {
        for (int attempt = 1; ; attempt++) {
            calls.incrementAndGet();
            try {
                return call.with(headers.get());
            } catch (ApiException e) {
                boolean busy = e.getCode() == 429 || e.getCode() == 503;
                boolean expired = e.getCode() == 401 && peer != null;
                if (attempt >= ATTEMPTS || !(busy || expired)) {
                    throw new Refused(e.getCode(), e.getResponseBody());
                }
                if (expired) {
                    signIn(peer);
                } else {
                    waits.incrementAndGet();
                    sleep(retryAfter(e, attempt));
                }
            }
        }
    }

    private static Duration retryAfter(ApiException e, int attempt) {
        if (e.getResponseHeaders() != null) {
            var header = e.getResponseHeaders().firstValue("Retry-After");
            if (header.isPresent() && header.get().matches("\\d{1,3}")) {
                return Duration.ofSeconds(Math.max(1, Long.parseLong(header.get())));
            }
        }
        return Duration.ofMillis(100L << Math.min(attempt, 5));
    }

    /** Waits, as a client between polls or before a retry. */
    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The gateway or a service refused a call: its status and problem body. */
    public static final class Refused extends RuntimeException {
        private final int status;

        Refused(int status, String body) {
            super("HTTP " + status + ": " + body);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
