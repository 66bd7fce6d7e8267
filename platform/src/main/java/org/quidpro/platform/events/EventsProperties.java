package org.quidpro.platform.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Event plumbing settings, under {@code quidpro.events}.
 *
 * @param enabled whether this service publishes and consumes events at all
 * @param partitions partitions of every topic this service creates (records are keyed by peer, so
 *     this bounds how many consumer instances share the load)
 * @param replicationFactor replicas of every topic this service creates
 * @param outbox the transactional outbox and its relay
 * @param inbox the record of processed events that makes consumers idempotent
 * @param consumer retries before a failing record goes to the dead-letter topic
 */
@ConfigurationProperties("quidpro.events")
public record EventsProperties(
        boolean enabled, int partitions, short replicationFactor, Outbox outbox, Inbox inbox, Consumer consumer) {

    public EventsProperties {
        if (partitions < 1 || replicationFactor < 1) {
            throw new IllegalArgumentException("partitions and replication factor are at least 1");
        }
    }

    /**
     * @param relayEnabled whether this instance publishes outbox rows (off only to test a crash between
     *     commit and publish)
     * @param pollInterval how often the relay looks for unpublished rows when nothing woke it
     * @param batchSize rows published per database transaction
     * @param sendTimeout how long the relay waits for the broker's acknowledgements of one batch
     * @param retention how long published rows are kept before the purge
     * @param purgeInterval how often published rows and expired inbox entries are purged
     */
    public record Outbox(
            boolean relayEnabled, Duration pollInterval, int batchSize, Duration sendTimeout, Duration retention,
            Duration purgeInterval) {}

    /**
     * @param retention how long a processed event id is remembered; longer than any topic's retention,
     *     so no redelivery can outlive it
     */
    public record Inbox(Duration retention) {}

    /**
     * @param attempts deliveries of a record whose handler throws, before it is dead-lettered
     * @param backoff pause between those deliveries
     */
    public record Consumer(int attempts, Duration backoff) {}
}
