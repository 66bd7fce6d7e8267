package org.quidpro.index.file.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.quidpro.contracts.accounting.CommunityConfigured;
import org.quidpro.contracts.rating.RatingChanged;
import org.quidpro.index.file.persistence.Communities;
import org.quidpro.platform.events.IdempotentConsumer;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Keeps the communities the index serves and the holders' ratings (its ranking read model), each event once. */
@Component
class IndexEventsListener {

    private final IdempotentConsumer consumer;
    private final Communities communities;

    IndexEventsListener(IdempotentConsumer consumer, Communities communities) {
        this.consumer = consumer;
        this.communities = communities;
    }

    @KafkaListener(id = "index-events", topics = {"quidpro.communities", "quidpro.ratings"})
    void on(ConsumerRecord<String, String> record) {
        consumer.consume("index.events", record, event -> {
            switch (event) {
                case CommunityConfigured configured ->
                        communities.save(configured.community(), configured.revision(), configured.occurredAt());
                case RatingChanged changed ->
                        communities.rate(changed.community(), changed.peerId(), changed.relativeScore(), changed.occurredAt());
                default -> { }
            }
        });
    }
}
