package org.quidpro.platform.events;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.quidpro.contracts.EventCodec;
import org.quidpro.contracts.IntegrationEvent;
import org.quidpro.contracts.InvalidEventException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies each event at most once per consumer: the event id is recorded in {@code processed_event}
 * in the same transaction as the handler's state change, so a redelivered event (after a rebalance, a
 * crash, or a relay that published twice) changes nothing, and a handler that fails leaves no mark.
 *
 * <p>A record that can never be processed throws {@link InvalidEventException}; the listener
 * container's error handler sends it to the topic's dead-letter topic at once, with the reason in its
 * headers, and the consumer goes on with the next record.
 */
public class IdempotentConsumer {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final EventCodec codec;
    private final MeterRegistry meters;

    public IdempotentConsumer(JdbcClient jdbc, TransactionTemplate transactions, EventCodec codec, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.codec = codec;
        this.meters = meters;
    }

    /**
     * Decodes the record and, unless this consumer has applied it before, runs the handler in a
     * transaction together with the record of having applied it.
     *
     * @param consumer a stable name for this handler; one event may be applied once by each consumer
     * @return {@code true} if the handler ran, {@code false} for a duplicate
     */
    public boolean consume(String consumer, ConsumerRecord<String, String> record, Consumer<IntegrationEvent> handler) {
        IntegrationEvent event = codec.decode(record.value());
        boolean applied = Boolean.TRUE.equals(transactions.execute(status -> {
            int first = jdbc.sql("""
                    insert into processed_event (consumer, event_id) values (:consumer, :eventId)
                    on conflict do nothing""")
                    .param("consumer", consumer)
                    .param("eventId", event.eventId())
                    .update();
            if (first == 0) {
                return false;
            }
            handler.accept(event);
            return true;
        }));
        meters.counter("quidpro.events.consumed", "consumer", consumer, "outcome", applied ? "applied" : "duplicate")
                .increment();
        return applied;
    }
}
