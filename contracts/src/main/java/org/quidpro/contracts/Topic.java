package org.quidpro.contracts;

import java.util.Objects;

/**
 * A Kafka topic and how it keeps its records.
 *
 * @param name the topic name
 * @param compacted {@code true} for state topics where only the latest record per key matters
 *     (community configuration, ratings); {@code false} for event logs kept by retention time
 */
public record Topic(String name, boolean compacted) {

    public Topic {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z0-9._-]{1,200}")) {
            throw new IllegalArgumentException("not a valid topic name: " + name);
        }
    }

    /** Where records that cannot be processed go, with the reason in their headers. */
    public String deadLetterName() {
        return name + ".DLT";
    }

    public static Topic log(String name) {
        return new Topic(name, false);
    }

    public static Topic compacted(String name) {
        return new Topic(name, true);
    }
}
