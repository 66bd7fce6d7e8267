package org.quidpro.index.file.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.quidpro.contracts.accounting.CommunityConfigured;
import org.quidpro.contracts.rating.RatingChanged;
import org.quidpro.index.file.persistence.Communities;
import org.quidpro.index.search.HolderOrder;
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

    /** allocation.holderOrder when it is a valid order; anything else leaves the service's default. */
    static String holderOrder(CommunityConfigured configured) {
        if (configured.allocation() != null && configured.allocation().get("holderOrder") instanceof String order) {
            try {
                return HolderOrder.parse(order).text();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    @KafkaListener(id = "index-events", topics = {"quidpro.communities", "quidpro.ratings"})
    void on(ConsumerRecord<String, String> record) {
        consumer.consume("index.events", record, event -> {
            switch (event) {
                case CommunityConfigured configured -> communities.save(configured.community(), configured.revision(),
                        holderOrder(configured), configured.occurredAt());
                case RatingChanged changed ->
                        communities.rate(changed.community(), changed.peerId(), changed.relativeScore(), changed.occurredAt());
                default -> { }
            }
        });
    }
}
