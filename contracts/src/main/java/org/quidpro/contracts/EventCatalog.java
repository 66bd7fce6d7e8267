package org.quidpro.contracts;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The event types a service knows, looked up by wire identity or by record class. */
public final class EventCatalog {

    private final Map<String, EventType<?>> byWireId = new LinkedHashMap<>();
    private final Map<Class<?>, EventType<?>> byJavaType = new LinkedHashMap<>();

    private EventCatalog(Collection<EventType<?>> types) {
        for (EventType<?> type : types) {
            if (byWireId.putIfAbsent(wireId(type.name(), type.version()), type) != null) {
                throw new IllegalArgumentException("registered twice: " + type.name() + " v" + type.version());
            }
            if (byJavaType.putIfAbsent(type.javaType(), type) != null) {
                throw new IllegalArgumentException("one record per event type: " + type.javaType().getName());
            }
        }
    }

    public static EventCatalog of(Collection<EventType<?>> types) {
        return new EventCatalog(types);
    }

    public static EventCatalog of(EventType<?>... types) {
        return new EventCatalog(List.of(types));
    }

    /** This catalog plus more types (a service's own, or a test's). */
    public EventCatalog with(Collection<EventType<?>> more) {
        var all = new java.util.ArrayList<>(byWireId.values());
        all.addAll(more);
        return new EventCatalog(all);
    }

    public Optional<EventType<?>> find(String name, int version) {
        return Optional.ofNullable(byWireId.get(wireId(name, version)));
    }

    @SuppressWarnings("unchecked")
    public <E extends IntegrationEvent> EventType<E> typeOf(Class<E> javaType) {
        EventType<?> type = byJavaType.get(javaType);
        if (type == null) {
            throw new IllegalArgumentException("not in the event catalog: " + javaType.getName());
        }
        return (EventType<E>) type;
    }

    public List<EventType<?>> types() {
        return List.copyOf(byWireId.values());
    }

    private static String wireId(String name, int version) {
        return name + "/v" + version;
    }
}
