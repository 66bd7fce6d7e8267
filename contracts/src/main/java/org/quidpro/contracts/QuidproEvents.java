package org.quidpro.contracts;

import java.util.List;

/**
 * The integration events of quidpro. Each entry has a record in this module and a schema under
 * {@code src/main/resources/schemas/}. Entries are added by the issue that introduces the event.
 */
public final class QuidproEvents {

    public static final List<EventType<?>> ALL = List.of();

    public static EventCatalog catalog() {
        return EventCatalog.of(ALL);
    }

    private QuidproEvents() {}
}
