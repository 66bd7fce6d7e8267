package org.quidpro.platform.events;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.quidpro.contracts.EncodedEvent;
import org.quidpro.contracts.EventCodec;
import org.quidpro.contracts.IntegrationEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records an outgoing event in the same database transaction as the state change that caused it.
 * Either both commit or neither does; the {@link OutboxRelay} publishes it afterwards.
 */
public class OutboxWriter {

    private final JdbcClient jdbc;
    private final EventCodec codec;
    private final OutboxRelay relay;

    public OutboxWriter(JdbcClient jdbc, EventCodec codec, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.relay = relay;
    }

    /** @throws IllegalStateException outside a transaction, where the event could outlive or miss its state change */
    public void append(IntegrationEvent event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("events are appended inside the transaction that changes the state");
        }
        EncodedEvent encoded = codec.encode(event);
        jdbc.sql("""
                insert into outbox_event (event_id, event_type, topic, event_key, payload, occurred_at)
                values (:eventId, :type, :topic, :key, :payload, :occurredAt)""")
                .param("eventId", event.eventId())
                .param("type", encoded.type().name() + "/v" + encoded.type().version())
                .param("topic", encoded.type().topic().name())
                .param("key", encoded.key())
                .param("payload", encoded.json())
                .param("occurredAt", OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC))
                .update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp(); // publish now rather than at the next poll
            }
        });
    }
}
