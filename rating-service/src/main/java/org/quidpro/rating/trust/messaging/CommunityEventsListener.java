package org.quidpro.rating.trust.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.quidpro.contracts.accounting.CommunityConfigured;
import org.quidpro.contracts.accounting.ContributionRecorded;
import org.quidpro.contracts.accounting.PeerJoinedCommunity;
import org.quidpro.platform.events.IdempotentConsumer;
import org.quidpro.rating.community.RatingSettings;
import org.quidpro.rating.community.persistence.CommunitySettingsStore;
import org.quidpro.rating.trust.persistence.TrustStore;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps what ratings are computed from, from accounting's events, each applied once: community settings,
 * members, and every accepted receipt as the consumer's decayed trust in the provider. Other event types
 * on these topics are not rating's concern.
 */
@Component
class CommunityEventsListener {

    private final IdempotentConsumer consumer;
    private final CommunitySettingsStore settings;
    private final TrustStore trust;

    CommunityEventsListener(IdempotentConsumer consumer, CommunitySettingsStore settings, TrustStore trust) {
        this.consumer = consumer;
        this.settings = settings;
        this.trust = trust;
    }

    @KafkaListener(id = "rating-accounting-events",
            topics = {"quidpro.communities", "quidpro.peers", "quidpro.contributions"})
    void on(ConsumerRecord<String, String> record) {
        consumer.consume("rating.accounting-events", record, event -> {
            switch (event) {
                case CommunityConfigured configured -> settings.save(configured.community(), configured.revision(),
                        configured.unit().name(), configured.rating(), configured.allocation(), configured.occurredAt());
                case PeerJoinedCommunity joined -> trust.addMember(joined.community(), joined.peerId(), joined.occurredAt());
                case ContributionRecorded contribution -> {
                    RatingSettings community = settings.find(contribution.community())
                            .orElseGet(() -> RatingSettings.defaults(contribution.unit().name()));
                    trust.addContribution(contribution.community(), contribution.provider(), contribution.consumer(),
                            contribution.amount(), community.localTrust(contribution.amount(), contribution.satisfied(),
                                    contribution.score()), community.halfLife(), contribution.occurredAt());
                }
                default -> { }
            }
        });
    }
}
