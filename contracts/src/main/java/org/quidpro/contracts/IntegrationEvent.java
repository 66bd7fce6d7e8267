package org.quidpro.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/**
 * An event that leaves a service over Kafka. Implementations are records; their JSON form is the
 * record's components plus {@code type} and {@code version} (see {@link EventCodec}).
 */
public interface IntegrationEvent {

    /** Unique per event; consumers deduplicate on it. */
    UUID eventId();

    Instant occurredAt();

    /**
     * The Kafka record key. Events with the same key land in the same partition and stay in order,
     * so it names the entity whose history must not be reordered (a peer in a community, say).
     */
    @JsonIgnore
    String key();
}
