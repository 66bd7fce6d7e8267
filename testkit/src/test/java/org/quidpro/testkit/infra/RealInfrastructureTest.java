package org.quidpro.testkit.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The servers are real: PostgreSQL answers SQL, Kafka stores and hands back records. */
class RealInfrastructureTest {

    @Test
    void postgresIsARealServer() throws Exception {
        PostgresEndpoint pg = RealInfrastructure.postgres();
        try (var connection = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
                var result = connection.createStatement().executeQuery("select current_setting('server_version_num')::int")) {
            result.next();
            assertThat(result.getInt(1)).isGreaterThanOrEqualTo(170000);
        }
        assertThat(RealInfrastructure.postgres()).as("one server per JVM").isSameAs(pg);
    }

    @Test
    void kafkaIsARealBroker() throws Exception {
        String servers = RealInfrastructure.kafka().bootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
            admin.createTopics(List.of(new NewTopic("testkit.smoke", 2, (short) 1))).all().get();
        }
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("testkit.smoke", "k", "hello")).get();
        }
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.GROUP_ID_CONFIG, "testkit", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("testkit.smoke"));
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            for (int i = 0; i < 20 && records.isEmpty(); i++) {
                records = consumer.poll(Duration.ofMillis(500));
            }
            assertThat(records).singleElement().satisfies(r -> assertThat(r.value()).isEqualTo("hello"));
        }
    }
}
