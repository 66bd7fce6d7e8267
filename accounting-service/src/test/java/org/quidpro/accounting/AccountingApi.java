package org.quidpro.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.quidpro.accounting.receipt.Receipt;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The accounting service's REST API as a client sees it, with the identity headers the gateway sets. */
public final class AccountingApi {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;

    public AccountingApi(int port) {
        this.base = URI.create("http://localhost:" + port);
    }

    /** A caller as the gateway would announce it: role, and the peer id for peers. */
    public record As(String role, String peer) {
        public static final As NOBODY = new As(null, null);
        public static final As OPERATOR = new As("operator", null);
        public static final As ANALYST = new As("analyst", null);

        public static As peer(String id) {
            return new As("peer", id);
        }
    }

    public record Response(int status, String contentType, String raw) {
        public JsonNode json() {
            return JSON.readTree(raw);
        }

        public String text(String field) {
            return json().path(field).asString();
        }
    }

    public Response send(String method, String path, Object body, As as) {
        String payload = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(payload))
                .header("Content-Type", "application/json");
        if (as.role() != null) {
            request.header("X-Quidpro-Role", as.role());
        }
        if (as.peer() != null) {
            request.header("X-Quidpro-Peer", as.peer());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response get(String path, As as) {
        return send("GET", path, null, as);
    }

    /** Creates a community from one of the example files, under a fresh id; returns the id. */
    public String exampleCommunity(String example) {
        String id = example + "-" + UUID.randomUUID().toString().substring(0, 8);
        configure(id, example(example));
        return id;
    }

    public static String example(String name) {
        try {
            return Files.readString(Path.of("..", "examples", "communities", name + ".json"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Response configure(String id, Object body) {
        Response response = send("PUT", "/v1/communities/" + id, body, As.OPERATOR);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response;
    }

    /** Registers the peer through the challenge API; returns its id. */
    public String register(TestPeer peer, long uploadBytesPerSecond, long downloadBytesPerSecond) {
        Response challenge = send("POST", "/v1/peers/challenges", "", As.NOBODY);
        assertThat(challenge.status()).isEqualTo(201);
        byte[] message = challenge.text("message").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Response registered = send("POST", "/v1/peers", Map.of("publicKey", peer.publicKey(),
                "challengeId", challenge.text("challengeId"), "signature", peer.signBase64(message),
                "uploadBytesPerSecond", uploadBytesPerSecond, "downloadBytesPerSecond", downloadBytesPerSecond), As.NOBODY);
        assertThat(registered.status()).as(registered.raw()).isEqualTo(201);
        assertThat(registered.text("peerId")).isEqualTo(peer.id());
        return peer.id();
    }

    public Response join(String community, String peerId) {
        return send("POST", "/v1/communities/" + community + "/members", Map.of("peerId", peerId), As.peer(peerId));
    }

    /** A registered member of the community. */
    public TestPeer member(String community) {
        TestPeer peer = TestPeer.generate();
        register(peer, 1 << 17, 1 << 20);
        Response joined = join(community, peer.id());
        assertThat(joined.status()).as(joined.raw()).isEqualTo(201);
        return peer;
    }

    public static Map<String, Object> body(Receipt r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("community", r.community());
        body.put("provider", r.provider());
        body.put("consumer", r.consumer());
        body.put("amount", r.amount());
        if (r.contentHash() != null) {
            body.put("contentHash", r.contentHash());
        }
        body.put("startedAt", r.startedAt().toString());
        body.put("endedAt", r.endedAt().toString());
        body.put("satisfied", r.satisfied());
        if (r.score() != null) {
            body.put("score", r.score());
        }
        body.put("nonce", r.nonce());
        return body;
    }

    /** Submits the receipt with the given signatures, as {@code as}. */
    public Response submit(Receipt receipt, byte[] providerSignature, byte[] consumerSignature, As as) {
        return send("POST", "/v1/receipts", Map.of("receipt", body(receipt),
                "providerSignature", org.quidpro.accounting.peer.Base64Field.encode(providerSignature),
                "consumerSignature", org.quidpro.accounting.peer.Base64Field.encode(consumerSignature)), as);
    }

    /** Submits a receipt both parties signed, as the provider. */
    public Response submitSigned(Receipt receipt, TestPeer provider, TestPeer consumer) {
        byte[] canonical = receipt.canonicalBytes();
        return submit(receipt, provider.sign(canonical), consumer.sign(canonical), As.peer(provider.id()));
    }

    public JsonNode account(String community, String peer) {
        Response response = get("/v1/communities/" + community + "/accounts/" + peer, As.ANALYST);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json();
    }
}
