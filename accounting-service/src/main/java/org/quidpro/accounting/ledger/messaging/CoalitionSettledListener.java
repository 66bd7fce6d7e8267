package org.quidpro.accounting.ledger.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.quidpro.accounting.ledger.application.CoalitionPayoffs;
import org.quidpro.contracts.coalition.CoalitionSettled;
import org.quidpro.platform.events.IdempotentConsumer;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Coalition settlements, each once, credited where the community converts utility to credits. */
@Component
class CoalitionSettledListener {

    private final IdempotentConsumer consumer;
    private final CoalitionPayoffs payoffs;

    CoalitionSettledListener(IdempotentConsumer consumer, CoalitionPayoffs payoffs) {
        this.consumer = consumer;
        this.payoffs = payoffs;
    }

    @KafkaListener(id = "accounting-coalition-events", topics = "quidpro.coalitions")
    void on(ConsumerRecord<String, String> record) {
        consumer.consume("accounting.coalition-events", record, event -> {
            if (event instanceof CoalitionSettled settled) {
                payoffs.credit(settled);
            }
        });
    }
}
