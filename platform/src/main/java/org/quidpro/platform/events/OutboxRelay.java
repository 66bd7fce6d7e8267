package org.quidpro.platform.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes committed outbox rows to Kafka and marks them published, at least once and in order.
 *
 * <p>Several replicas may run: each batch is taken under a transaction-scoped PostgreSQL advisory
 * lock named after the service's schema, so exactly one instance publishes at a time and one key's
 * events leave in the order they were committed. A crash after sending but before marking republishes
 * the batch; consumers drop the duplicates by event id. Published rows are purged after a retention
 * period so the table does not grow forever.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    static final String EVENT_ID_HEADER = "quidpro-event-id";
    static final String EVENT_TYPE_HEADER = "quidpro-event-type";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, String> kafka;
    private final EventsProperties.Outbox settings;
    private final EventsProperties.Inbox inbox;
    private final Counter published;
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, String> kafka,
            EventsProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.settings = properties.outbox();
        this.inbox = properties.inbox();
        this.published = Counter.builder("quidpro.outbox.published").description("events published from the outbox")
                .register(meters);
        Gauge.builder("quidpro.outbox.pending", this, OutboxRelay::pending)
                .description("committed events not yet acknowledged by Kafka").register(meters);
    }

    /** Asks for a publish run as soon as possible (after a commit that appended events). */
    public void wakeUp() {
        ScheduledExecutorService running = executor;
        if (running != null && wakeUpPending.compareAndSet(false, true)) {
            running.execute(this::relayQuietly);
        }
    }

    /** Publishes everything committed so far. Returns the number of rows published by this instance. */
    public int relay() {
        wakeUpPending.set(false);
        int total = 0;
        int batch;
        do {
            batch = transactions.execute(status -> publishBatch());
            total += batch;
        } while (batch == settings.batchSize());
        return total;
    }

    private int publishBatch() {
        boolean ours = jdbc.sql("select pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox-relay'))")
                .query(Boolean.class).single();
        if (!ours) {
            return 0; // another replica is publishing
        }
        List<PendingEvent> batch = jdbc.sql("""
                select id, event_id, event_type, topic, event_key, payload
                from outbox_event where published_at is null order by id limit :limit""")
                .param("limit", settings.batchSize())
                .query(PendingEvent.class).list();
        if (batch.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<SendResult<String, String>>> acks = new ArrayList<>(batch.size());
        for (PendingEvent event : batch) {
            var record = new ProducerRecord<>(event.topic(), event.eventKey(), event.payload());
            record.headers().add(EVENT_ID_HEADER, event.eventId().getBytes(StandardCharsets.UTF_8));
            record.headers().add(EVENT_TYPE_HEADER, event.eventType().getBytes(StandardCharsets.UTF_8));
            acks.add(kafka.send(record));
        }
        try {
            // All or nothing: if any send fails the transaction rolls back and the batch is retried.
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not acknowledge an outbox batch; it will be retried", e);
        }
        jdbc.sql("update outbox_event set published_at = now() where id = any(:ids)")
                .param("ids", batch.stream().map(PendingEvent::id).toArray(Long[]::new))
                .update();
        published.increment(batch.size());
        return batch.size();
    }

    /** Deletes published rows and inbox entries past their retention. */
    public void purge() {
        int outbox = jdbc.sql("delete from outbox_event where published_at < now() - cast(:retention as interval)")
                .param("retention", settings.retention().toSeconds() + " seconds").update();
        int processed = jdbc.sql("delete from processed_event where processed_at < now() - cast(:retention as interval)")
                .param("retention", inbox.retention().toSeconds() + " seconds").update();
        if (outbox + processed > 0) {
            log.info("Purged {} published outbox rows and {} expired inbox entries", outbox, processed);
        }
    }

    long pending() {
        try {
            return jdbc.sql("select count(*) from outbox_event where published_at is null").query(Long.class).single();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private void relayQuietly() {
        try {
            relay();
        } catch (RuntimeException e) {
            log.warn("Outbox relay run failed; retrying at the next poll: {}", e.getMessage());
        }
    }

    private void purgeQuietly() {
        try {
            purge();
        } catch (RuntimeException e) {
            log.warn("Outbox purge failed: {}", e.getMessage());
        }
    }

    @Override
    public void start() {
        if (!settings.relayEnabled()) {
            log.warn("Outbox relay disabled: committed events stay in the outbox until an instance with it enabled runs");
            return;
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("outbox-relay").daemon().factory());
        long poll = settings.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::relayQuietly, 0, poll, TimeUnit.MILLISECONDS);
        long purge = settings.purgeInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::purgeQuietly, purge, purge, TimeUnit.MILLISECONDS);
        executor = scheduler;
    }

    @Override
    public void stop() {
        ScheduledExecutorService scheduler = executor;
        executor = null;
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                // Let a batch in flight finish, so a graceful shutdown publishes what it took.
                scheduler.awaitTermination(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** Stop before the Kafka producer and the data source go away. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }

    record PendingEvent(long id, String eventId, String eventType, String topic, String eventKey, String payload) {}
}
