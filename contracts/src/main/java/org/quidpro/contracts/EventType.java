package org.quidpro.contracts;

import java.util.Objects;

/**
 * The wire identity of one kind of event: a stable name and a schema version, never a Java class
 * name, so producers and consumers can refactor freely. A breaking change is a new version with its
 * own schema file.
 *
 * @param name stable type name on the wire, e.g. {@code ContributionRecorded}
 * @param version schema version, starting at 1
 * @param javaType the record it maps to in this code base
 * @param topic where it is published
 */
public record EventType<E extends IntegrationEvent>(String name, int version, Class<E> javaType, Topic topic) {

    public EventType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(javaType, "javaType");
        Objects.requireNonNull(topic, "topic");
        if (!name.matches("[A-Z][A-Za-z0-9]{1,100}")) {
            throw new IllegalArgumentException("event type names are UpperCamelCase words: " + name);
        }
        if (version < 1) {
            throw new IllegalArgumentException("versions start at 1: " + version);
        }
        if (!javaType.isRecord()) {
            throw new IllegalArgumentException("integration events are records: " + javaType.getName());
        }
    }

    /** Classpath location of this type's JSON Schema. */
    public String schemaResource() {
        return "schemas/" + name + ".v" + version + ".schema.json";
    }
}
