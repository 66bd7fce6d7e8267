package org.quidpro.platform.events;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.time.ZoneOffset;
import org.quidpro.contracts.EncodedEvent;
import org.quidpro.contracts.EventCodec;
import org.quidpro.contracts.IntegrationEvent;
import org.quidpro.platform.transaction.AfterCommit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records an outgoing event in the same database transaction as the state change that caused it.
 * Either both commit or neither does; the {@link OutboxRelay} publishes it afterwards.
 */
public class OutboxWriter {

    private final JdbcTemplate jdbc;
    private final EventCodec codec;
    private final OutboxRelay relay;

    public OutboxWriter(JdbcTemplate jdbc, EventCodec codec, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.relay = relay;
    }

    /** @throws IllegalStateException outside a transaction, where the event could outlive or miss its state change */
    public void append(IntegrationEvent event) {
        appendAll(List.of(event));
    }

    /** Appends several events in one JDBC batch, in order; same rules as {@link #append}. */
    public void appendAll(List<? extends IntegrationEvent> events) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("events are appended inside the transaction that changes the state");
        }
        if (events.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(events.size());
        for (IntegrationEvent event : events) {
            EncodedEvent encoded = codec.encode(event);
            rows.add(new Object[] {event.eventId(), encoded.type().name() + "/v" + encoded.type().version(),
                encoded.type().topic().name(), encoded.key(), encoded.json(),
                OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC)});
        }
        jdbc.batchUpdate("""
                insert into outbox_event (event_id, event_type, topic, event_key, payload, occurred_at)
                values (?, ?, ?, ?, ?, ?)""", rows);
        AfterCommit.run(relay::wakeUp); // publish now rather than at the next poll
    }
}
