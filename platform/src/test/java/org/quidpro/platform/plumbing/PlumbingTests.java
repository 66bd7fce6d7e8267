package org.quidpro.platform.plumbing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.quidpro.testkit.infra.RealInfrastructure;
import org.quidpro.testkit.kafka.TopicReader;

/** What the plumbing tests read back from Kafka. */
final class PlumbingTests {

    static final String TOPIC = PlumbingTestApplication.TALLIES.name();
    static final String DEAD_LETTERS = PlumbingTestApplication.TALLIES.deadLetterName();

    private PlumbingTests() {}

    static TopicReader reader() {
        return new TopicReader(RealInfrastructure.kafka().bootstrapServers());
    }

    static String tally() {
        return "tally-" + UUID.randomUUID();
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static List<UUID> eventIds(List<ConsumerRecord<String, String>> records, String key) {
        return records.stream().filter(r -> key.equals(r.key()))
                .map(r -> UUID.fromString(header(r, "quidpro-event-id"))).toList();
    }

    /** The records of one key on the tally topic, once {@code count} of them are there (or after the timeout). */
    static List<UUID> publishedIds(String key, int count, Duration timeout) {
        Predicate<List<ConsumerRecord<String, String>>> enough = records -> eventIds(records, key).size() >= count;
        return eventIds(reader().readUntil(TOPIC, enough, timeout), key);
    }
}
