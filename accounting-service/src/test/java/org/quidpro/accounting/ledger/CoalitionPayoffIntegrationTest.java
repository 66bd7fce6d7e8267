package org.quidpro.accounting.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.quidpro.accounting.AccountingApi;
import org.quidpro.accounting.TestPeer;
import org.quidpro.contracts.EventCodec;
import org.quidpro.contracts.coalition.CoalitionSettled;
import org.quidpro.testkit.spring.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/** Coalition payoffs become credits where the community converts utility: through Kafka, once. */
@ServiceIntegrationTest
class CoalitionPayoffIntegrationTest {

    @Value("${local.server.port}") int port;
    @Autowired JdbcClient jdbc;
    @Autowired KafkaTemplate<String, String> kafka;
    @Autowired EventCodec codec;

    BigDecimal balance(String community, String peer) {
        return jdbc.sql("select balance from account where community_id = :c and peer_id = :p").param("c", community)
                .param("p", peer).query(BigDecimal.class).single();
    }

    void publish(CoalitionSettled settled) throws Exception {
        var encoded = codec.encode(settled);
        kafka.send(encoded.type().topic().name(), encoded.key(), encoded.json()).get();
    }

    @Test
    void theRequesterPaysEachMemberThatDeliveredItsPayoffAtTheCommunitysPrice() throws Exception {
        AccountingApi api = new AccountingApi(port);
        String community = api.exampleCommunity("file-sharing"); // 1000 granted, 0.5 credits per second saved
        TestPeer requester = api.member(community);
        TestPeer uploader = api.member(community);
        TestPeer helper = api.member(community);
        TestPeer failed = api.member(community);
        CoalitionSettled settled = new CoalitionSettled(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), community,
                requester.id(), "ab".repeat(32), CoalitionSettled.Outcome.EXPIRED, 8.0, List.of(
                        new CoalitionSettled.Member(uploader.id(), true, 200, 16.0 / 3),
                        new CoalitionSettled.Member(helper.id(), true, 400, 8.0 / 3),
                        new CoalitionSettled.Member(failed.id(), false, 300, 0)));
        publish(settled);
        publish(settled); // redelivered: credited once

        await().atMost(Duration.ofSeconds(20)).until(() -> balance(community, helper.id()).compareTo(
                new BigDecimal("1000")) > 0);
        Thread.sleep(500); // let the redelivery arrive, to show it changes nothing
        assertThat(balance(community, uploader.id())).isEqualByComparingTo("1002.666667"); // 16/3 s x 0.5
        assertThat(balance(community, helper.id())).isEqualByComparingTo("1001.333333");   // 8/3 s x 0.5
        assertThat(balance(community, failed.id())).isEqualByComparingTo("1000");
        assertThat(balance(community, requester.id())).isEqualByComparingTo("996.000000"); // 1000 - (2.666667 + 1.333333)
        assertThat(jdbc.sql("select sum(balance) - sum(granted) from account where community_id = :c")
                .param("c", community).query(BigDecimal.class).single()).as("credits only changed hands")
                .isEqualByComparingTo("0");
        assertThat(jdbc.sql("select count(*) from ledger_entry where community_id = :c and kind = 'PAYOFF'")
                .param("c", community).query(Long.class).single()).isEqualTo(4);
    }
}
