package org.quidpro.accounting.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.quidpro.accounting.AccountingApi;
import org.quidpro.accounting.AccountingApi.As;
import org.quidpro.accounting.AccountingApi.Response;
import org.quidpro.contracts.Topics;
import org.quidpro.testkit.infra.RealInfrastructure;
import org.quidpro.testkit.kafka.TopicReader;
import org.quidpro.testkit.spring.ServiceIntegrationTest;
import org.springframework.beans.factory.annotation.Value;

@ServiceIntegrationTest
class CommunityIntegrationTest {

    @Value("${local.server.port}") int port;

    @Test
    void theThreeExampleCommunitiesLoadThroughTheApi() {
        var api = new AccountingApi(port);
        for (String example : List.of("file-sharing", "wlan-peering", "telemedicine")) {
            String id = api.exampleCommunity(example);

            Response read = api.get("/v1/communities/" + id, As.NOBODY);

            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().path("revision").asLong()).isEqualTo(1);
        }
        String wlan = api.exampleCommunity("wlan-peering");
        var read = api.get("/v1/communities/" + wlan, As.NOBODY).json();
        assertThat(read.path("unit").asString()).isEqualTo("SECONDS");
        assertThat(read.path("credits").path("pricePerUnit").asString()).isEqualTo("0.01");
        assertThat(read.path("rating").path("scheme").asString()).isEqualTo("ratio");
    }

    @Test
    void everyChangeIsARevisionPublishedOnTheCompactedTopic() {
        var api = new AccountingApi(port);
        String id = "revised-" + UUID.randomUUID().toString().substring(0, 8);
        api.configure(id, AccountingApi.example("telemedicine"));

        Response second = api.configure(id, AccountingApi.example("telemedicine").replace("\"k\": 3", "\"k\": 5"));

        assertThat(second.json().path("revision").asLong()).isEqualTo(2);
        assertThat(second.json().path("allocation").path("k").asInt()).isEqualTo(5);
        var events = new TopicReader(RealInfrastructure.kafka().bootstrapServers()).readUntil(Topics.COMMUNITIES.name(),
                records -> records.stream().filter(r -> r.key().equals(id)).count() >= 2, Duration.ofSeconds(20))
                .stream().filter(r -> r.key().equals(id)).toList();
        assertThat(events).extracting(r -> r.value().contains("\"revision\":2")).containsExactly(false, true);
    }

    @Test
    void onlyOperatorsConfigureAndBadConfigurationsAreNamed() {
        var api = new AccountingApi(port);
        String id = "guarded-" + UUID.randomUUID().toString().substring(0, 8);
        String body = AccountingApi.example("file-sharing");

        assertThat(api.send("PUT", "/v1/communities/" + id, body, As.NOBODY).status()).isEqualTo(401);
        assertThat(api.send("PUT", "/v1/communities/" + id, body, As.ANALYST).status()).isEqualTo(403);
        assertThat(api.send("PUT", "/v1/communities/" + id, body, As.peer("a".repeat(40))).status()).isEqualTo(403);
        Response badScheme = api.send("PUT", "/v1/communities/" + id, body.replace("\"eigentrust\"", "\"pagerank\""),
                As.OPERATOR);
        Response badId = api.send("PUT", "/v1/communities/Bad_Id", body, As.OPERATOR);
        Response badUnit = api.send("PUT", "/v1/communities/" + id, body.replace("\"BYTES\"", "\"LITRES\""), As.OPERATOR);

        assertThat(badScheme.status()).isEqualTo(422);
        assertThat(badScheme.raw()).contains("\"field\":\"rating.scheme\"");
        assertThat(badId.status()).isEqualTo(422);
        assertThat(badId.raw()).contains("\"field\":\"id\"");
        assertThat(badUnit.status()).isEqualTo(400);
        assertThat(badUnit.raw()).contains("\"field\":\"unit\"");
        assertThat(api.get("/v1/communities/" + id, As.NOBODY).status()).isEqualTo(404);
    }
}
