package org.quidpro.platform.plumbing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.quidpro.contracts.EventCodec;
import org.quidpro.platform.plumbing.PlumbingTestApplication.TallyIncremented;
import org.quidpro.platform.plumbing.PlumbingTestApplication.TallyMirror;
import org.quidpro.testkit.spring.ServiceIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

@ServiceIntegrationTest
class IdempotentConsumerIntegrationTest {

    @Autowired KafkaTemplate<String, String> kafka;
    @Autowired EventCodec codec;
    @Autowired TallyMirror mirror;
    @Autowired JdbcClient jdbc;

    String send(String key, String json) throws Exception {
        kafka.send(PlumbingTests.TOPIC, key, json).get();
        return json;
    }

    String increment(String tally, long amount) {
        return codec.encode(new TallyIncremented(UUID.randomUUID(), Instant.now(), tally, amount)).json();
    }

    @Test
    void aRedeliveredEventIsAppliedOnce() throws Exception {
        String tally = PlumbingTests.tally();
        String event = increment(tally, 5);

        send(tally, event);
        send(tally, event);
        send(tally, event);
        send(tally, increment(tally, 100)); // same key, same partition: applied after the duplicates

        await().atMost(Duration.ofSeconds(30)).until(() -> mirror.total(tally) >= 100);
        assertThat(mirror.total(tally)).isEqualTo(105);
        assertThat(mirror.applications(tally)).isEqualTo(2);
    }

    @Test
    void aHandlerThatFailsLeavesNoTraceAndIsRetriedUntilItApplies() throws Exception {
        String tally = PlumbingTests.tally();
        mirror.failuresToInject.put(tally, new AtomicInteger(2)); // fails twice after writing its change

        send(tally, increment(tally, 9));

        await().atMost(Duration.ofSeconds(30)).until(() -> mirror.applications(tally) > 0);
        assertThat(mirror.total(tally)).as("the two failed attempts rolled back").isEqualTo(9);
        assertThat(mirror.applications(tally)).isEqualTo(1);
    }

    @Test
    void poisonGoesToTheDeadLetterTopicWithItsReasonAndTheConsumerGoesOn() throws Exception {
        String key = PlumbingTests.tally();
        send(key, "{not json");
        send(key, increment(key, 3).replace("\"amount\":3", "\"amount\":-3"));
        send(key, increment(key, 4).replace("\"version\":1", "\"version\":9"));
        send(key, increment(key, 11));

        await().atMost(Duration.ofSeconds(30)).until(() -> mirror.total(key) == 11);
        List<ConsumerRecord<String, String>> dead = PlumbingTests.reader().readUntil(PlumbingTests.DEAD_LETTERS,
                records -> records.stream().filter(r -> key.equals(r.key())).count() >= 3, Duration.ofSeconds(30))
                .stream().filter(r -> key.equals(r.key())).toList();

        assertThat(dead).extracting(r -> PlumbingTests.header(r, "kafka_dlt-exception-message"))
                .satisfiesExactly(
                        reason -> assertThat(reason).contains("not JSON"),
                        reason -> assertThat(reason).contains("breaks its schema").contains("amount"),
                        reason -> assertThat(reason).contains("unknown event type TallyIncremented v9"));
        assertThat(dead).allSatisfy(r -> assertThat(PlumbingTests.header(r, "kafka_dlt-original-topic"))
                .isEqualTo(PlumbingTests.TOPIC));
        assertThat(dead.getFirst().value()).isEqualTo("{not json");
    }
}
