package org.quidpro.platform.events;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.quidpro.contracts.EventCatalog;
import org.quidpro.contracts.EventCodec;
import org.quidpro.contracts.EventType;
import org.quidpro.contracts.InvalidEventException;
import org.quidpro.contracts.QuidproEvents;
import org.quidpro.contracts.Topic;
import org.quidpro.contracts.Topics;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The event plumbing every service gets: the event catalog and codec, the transactional outbox and
 * its relay, idempotent consumption, dead-lettering, and the topics created at start-up.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(EventsProperties.class)
@ConditionalOnBooleanProperty(name = "quidpro.events.enabled", matchIfMissing = true)
public class EventsAutoConfiguration {

    /** quidpro's events; a service or a test may declare its own catalog instead. */
    @Bean
    @ConditionalOnMissingBean
    EventCatalog eventCatalog() {
        return QuidproEvents.catalog();
    }

    @Bean
    EventCodec eventCodec(EventCatalog catalog) {
        return new EventCodec(catalog);
    }

    @Bean
    TransactionTemplate eventTransactions(PlatformTransactionManager transactionManager) {
        return new TransactionTemplate(transactionManager);
    }

    @Bean
    OutboxRelay outboxRelay(JdbcClient jdbc, TransactionTemplate eventTransactions, KafkaTemplate<String, String> kafka,
            EventsProperties properties, MeterRegistry meters) {
        return new OutboxRelay(jdbc, eventTransactions, kafka, properties, meters);
    }

    @Bean
    OutboxWriter outboxWriter(JdbcTemplate jdbc, EventCodec codec, OutboxRelay relay) {
        return new OutboxWriter(jdbc, codec, relay);
    }

    @Bean
    IdempotentConsumer idempotentConsumer(JdbcClient jdbc, TransactionTemplate eventTransactions, EventCodec codec,
            MeterRegistry meters) {
        return new IdempotentConsumer(jdbc, eventTransactions, codec, meters);
    }

    /**
     * Retries a failing record a few times (the database may be briefly away), then moves it to
     * {@code <topic>.DLT} with the exception in its headers ({@code kafka_dlt-exception-message}, …)
     * and goes on. A record that can never be processed goes there at once. Spring Boot wires this
     * handler into every listener container.
     */
    @Bean
    CommonErrorHandler deadLetteringErrorHandler(KafkaTemplate<String, String> kafka, EventsProperties properties,
            MeterRegistry meters) {
        var recoverer = new DeadLetterPublishingRecoverer(kafka, (record, exception) -> {
            meters.counter("quidpro.events.dead-lettered", "topic", record.topic()).increment();
            return new TopicPartition(record.topic() + ".DLT", -1); // partition by key, like the source
        });
        var backOff = new FixedBackOff(properties.consumer().backoff().toMillis(), properties.consumer().attempts() - 1L);
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(InvalidEventException.class);
        return handler;
    }

    /** Every topic of quidpro and of the catalog, with its dead-letter topic, created if missing. */
    @Bean
    KafkaAdmin.NewTopics quidproTopics(EventCatalog catalog, EventsProperties properties) {
        Set<Topic> topics = new LinkedHashSet<>(Topics.ALL);
        catalog.types().stream().map(EventType::topic).forEach(topics::add);
        return new KafkaAdmin.NewTopics(topics.stream()
                .flatMap(topic -> java.util.stream.Stream.of(
                        newTopic(topic.name(), topic.compacted(), properties),
                        newTopic(topic.deadLetterName(), false, properties)))
                .toArray(NewTopic[]::new));
    }

    private static NewTopic newTopic(String name, boolean compacted, EventsProperties properties) {
        return new NewTopic(name, properties.partitions(), properties.replicationFactor())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                        compacted ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE));
    }
}
