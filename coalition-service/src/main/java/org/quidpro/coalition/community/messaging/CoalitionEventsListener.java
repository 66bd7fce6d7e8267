package org.quidpro.coalition.community.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.quidpro.coalition.community.CoalitionSettings;
import org.quidpro.coalition.community.persistence.CommunitySettingsStore;
import org.quidpro.coalition.settlement.application.Settlements;
import org.quidpro.contracts.accounting.CommunityConfigured;
import org.quidpro.contracts.accounting.ContributionRecorded;
import org.quidpro.platform.events.IdempotentConsumer;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Communities and their coalition settings; receipts that settle coalitions. Each event once. */
@Component
class CoalitionEventsListener {

    private final IdempotentConsumer consumer;
    private final CommunitySettingsStore communities;
    private final Settlements settlements;
    private final CoalitionSettings defaults;

    CoalitionEventsListener(IdempotentConsumer consumer, CommunitySettingsStore communities, Settlements settlements,
            CoalitionSettings defaults) {
        this.consumer = consumer;
        this.communities = communities;
        this.settlements = settlements;
        this.defaults = defaults;
    }

    @KafkaListener(id = "coalition-events", topics = {"quidpro.communities", "quidpro.contributions"})
    void on(ConsumerRecord<String, String> record) {
        consumer.consume("coalition.events", record, event -> {
            switch (event) {
                case CommunityConfigured configured -> communities.save(configured.community(), configured.revision(),
                        CoalitionSettings.from(configured.allocation(), defaults), configured.occurredAt());
                case ContributionRecorded receipt -> settlements.onContribution(receipt);
                default -> { }
            }
        });
    }
}
