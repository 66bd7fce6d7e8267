package org.quidpro.rating.responsiveness.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.quidpro.contracts.coalition.CoalitionSettled;
import org.quidpro.contracts.index.FilesAnnounced;
import org.quidpro.contracts.index.FilesWithdrawn;
import org.quidpro.rating.community.RatingSettings;
import org.quidpro.rating.community.persistence.CommunitySettingsStore;
import org.quidpro.rating.responsiveness.persistence.UtilityStore;
import org.quidpro.platform.events.IdempotentConsumer;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The coalition paper's inputs, each event once: settlements (eq. 8: every member earns its realised
 * payoff, Up += x_i; eq. 9: the requester consumes the realised value, Dp += V(S), the sum of the payoffs,
 * not divided by |S|: what the members earned is exactly what the requester consumed, so Up and Dp balance
 * across a community and the bonus binds; divided by |S| a requester would pay a tenth of what ten helpers
 * earned) and the files each peer shares (Fs).
 */
@Component
class ResponsivenessEventsListener {

    private final IdempotentConsumer consumer;
    private final UtilityStore utilities;
    private final CommunitySettingsStore settings;

    ResponsivenessEventsListener(IdempotentConsumer consumer, UtilityStore utilities, CommunitySettingsStore settings) {
        this.consumer = consumer;
        this.utilities = utilities;
        this.settings = settings;
    }

    @KafkaListener(id = "rating-responsiveness-events", topics = {"quidpro.coalitions", "quidpro.files"})
    void on(ConsumerRecord<String, String> record) {
        consumer.consume("rating.responsiveness-events", record, event -> {
            switch (event) {
                case CoalitionSettled settled -> {
                    var halfLife = settings.find(settled.community()).orElseGet(() -> RatingSettings.defaults("BYTES"))
                            .halfLife();
                    for (CoalitionSettled.Member m : settled.members()) {
                        if (m.payoffSeconds() > 0) {
                            utilities.add(settled.community(), m.peerId(), m.payoffSeconds(), 0, halfLife,
                                    settled.occurredAt());
                        }
                    }
                    if (settled.valueSeconds() > 0) {
                        utilities.add(settled.community(), settled.requester(), 0, settled.valueSeconds(), halfLife,
                                settled.occurredAt());
                    }
                }
                case FilesAnnounced announced -> utilities.share(announced.community(), announced.peerId(),
                        announced.files().size(), announced.occurredAt());
                case FilesWithdrawn withdrawn -> utilities.share(withdrawn.community(), withdrawn.peerId(),
                        -withdrawn.contentHashes().size(), withdrawn.occurredAt());
                default -> { }
            }
        });
    }
}
