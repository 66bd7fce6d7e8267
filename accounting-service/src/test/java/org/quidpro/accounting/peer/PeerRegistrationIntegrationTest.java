package org.quidpro.accounting.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quidpro.accounting.AccountingApi;
import org.quidpro.accounting.AccountingApi.As;
import org.quidpro.accounting.AccountingApi.Response;
import org.quidpro.accounting.TestPeer;
import org.quidpro.contracts.Topics;
import org.quidpro.testkit.infra.RealInfrastructure;
import org.quidpro.testkit.kafka.TopicReader;
import org.quidpro.testkit.spring.ServiceIntegrationTest;
import org.springframework.beans.factory.annotation.Value;

@ServiceIntegrationTest
class PeerRegistrationIntegrationTest {

    @Value("${local.server.port}") int port;

    Response challenge(AccountingApi api) {
        Response challenge = api.send("POST", "/v1/peers/challenges", "", As.NOBODY);
        assertThat(challenge.status()).isEqualTo(201);
        return challenge;
    }

    Response register(AccountingApi api, TestPeer keyHolder, String publicKey, Response challenge) {
        byte[] message = challenge.text("message").getBytes(StandardCharsets.UTF_8);
        return api.send("POST", "/v1/peers", Map.of("publicKey", publicKey, "challengeId", challenge.text("challengeId"),
                "signature", keyHolder.signBase64(message), "uploadBytesPerSecond", 65536,
                "downloadBytesPerSecond", 1048576), As.NOBODY);
    }

    @Test
    void aPeerRegistersByProvingItHoldsTheKeyAndIsPublished() {
        var api = new AccountingApi(port);
        TestPeer peer = TestPeer.generate();

        Response registered = register(api, peer, peer.publicKey(), challenge(api));

        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.text("peerId")).isEqualTo(peer.id()).hasSize(40);
        assertThat(api.get("/v1/peers/" + peer.id(), As.NOBODY).json().path("uploadBytesPerSecond").asLong())
                .isEqualTo(65536);
        var events = new TopicReader(RealInfrastructure.kafka().bootstrapServers()).readUntil(Topics.PEERS.name(),
                records -> records.stream().anyMatch(r -> r.key().equals(peer.id())), Duration.ofSeconds(20));
        assertThat(events).filteredOn(r -> r.key().equals(peer.id())).singleElement()
                .satisfies(r -> assertThat(r.value()).contains("\"type\":\"PeerRegistered\"", peer.publicKey()));
    }

    @Test
    void aSignatureByAnotherKeyIsRefusedAndUsesUpTheChallenge() {
        var api = new AccountingApi(port);
        TestPeer claimed = TestPeer.generate();
        TestPeer impostor = TestPeer.generate();
        Response challenge = challenge(api);

        Response refused = register(api, impostor, claimed.publicKey(), challenge);
        Response retried = register(api, claimed, claimed.publicKey(), challenge);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.raw()).contains("\"field\":\"signature\"");
        assertThat(retried.status()).isEqualTo(422);
        assertThat(retried.raw()).contains("\"field\":\"challengeId\"", "already used");
        assertThat(api.get("/v1/peers/" + claimed.id(), As.NOBODY).status()).isEqualTo(404);
    }

    @Test
    void aKeyRegistersOnceAndBadKeysAreNamed() {
        var api = new AccountingApi(port);
        TestPeer peer = TestPeer.generate();
        assertThat(register(api, peer, peer.publicKey(), challenge(api)).status()).isEqualTo(201);

        Response twice = register(api, peer, peer.publicKey(), challenge(api));
        Response notBase64 = register(api, peer, "not base64!", challenge(api));
        Response shortKey = register(api, peer, "AAAA", challenge(api));
        Response missing = api.send("POST", "/v1/peers", Map.of("publicKey", peer.publicKey()), As.NOBODY);

        assertThat(twice.status()).isEqualTo(422);
        assertThat(twice.raw()).contains("already registered as peer " + peer.id());
        assertThat(notBase64.status()).isEqualTo(422);
        assertThat(notBase64.raw()).contains("\"field\":\"publicKey\"");
        assertThat(shortKey.raw()).contains("\"field\":\"publicKey\"", "32 bytes");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.raw()).contains("challengeId", "signature", "uploadBytesPerSecond");
    }

    @Test
    void joiningGrantsCreditsOnceAndOnlyThePeerOrAnOperatorMayJoinIt() {
        var api = new AccountingApi(port);
        String community = api.exampleCommunity("file-sharing");
        TestPeer peer = TestPeer.generate();
        api.register(peer, 1000, 1000);
        String path = "/v1/communities/" + community + "/members";

        Response byStranger = api.send("POST", path, Map.of("peerId", peer.id()), As.peer(TestPeer.generate().id()));
        Response first = api.join(community, peer.id());
        Response again = api.join(community, peer.id());
        Response unknownCommunity = api.join("no-such-community", peer.id());

        assertThat(byStranger.status()).isEqualTo(403);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.text("grantedCredits")).isEqualTo("1000");
        assertThat(again.status()).isEqualTo(200);
        assertThat(api.account(community, peer.id()).path("balance").asString()).isEqualTo("1000");
        assertThat(unknownCommunity.status()).isEqualTo(422);
        assertThat(unknownCommunity.raw()).contains("\"field\":\"community\"");
    }
}
