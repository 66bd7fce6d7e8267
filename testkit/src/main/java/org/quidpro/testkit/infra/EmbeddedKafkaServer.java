package org.quidpro.testkit.infra;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real Kafka broker in KRaft mode, running in this JVM (spring-kafka-test's cluster kit, the same
 * broker code as a standalone server). Its log lives in a temporary directory.
 */
public final class EmbeddedKafkaServer implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;

    private EmbeddedKafkaServer(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    /** @param port fixed port, or 0 for any free one */
    public static EmbeddedKafkaServer start(int port) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        if (port > 0) {
            broker.kafkaPorts(port);
        }
        // Services create their topics with the partitions they are configured for; a topic that
        // appears by accident is a bug to see, not to paper over.
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "false",
                "group.initial.rebalance.delay.ms", "0",
                "offsets.topic.num.partitions", "5"));
        broker.afterPropertiesSet();
        return new EmbeddedKafkaServer(broker);
    }

    public KafkaEndpoint endpoint() {
        return new KafkaEndpoint(broker.getBrokersAsString());
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
