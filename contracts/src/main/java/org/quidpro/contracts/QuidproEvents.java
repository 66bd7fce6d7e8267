package org.quidpro.contracts;

import java.util.List;
import org.quidpro.contracts.accounting.AccountingEvents;
import org.quidpro.contracts.coalition.CoalitionEvents;
import org.quidpro.contracts.index.IndexEvents;
import org.quidpro.contracts.rating.RatingEvents;

/**
 * The integration events of quidpro. Each entry has a record in this module and a schema under
 * {@code src/main/resources/schemas/}. Entries are added by the issue that introduces the event.
 */
public final class QuidproEvents {

    public static final List<EventType<?>> ALL = List.of(
            AccountingEvents.COMMUNITY_CONFIGURED,
            AccountingEvents.PEER_REGISTERED,
            AccountingEvents.PEER_JOINED_COMMUNITY,
            AccountingEvents.CONTRIBUTION_RECORDED,
            RatingEvents.RATING_CHANGED,
            IndexEvents.FILES_ANNOUNCED,
            IndexEvents.FILES_WITHDRAWN,
            CoalitionEvents.COALITION_FORMED,
            CoalitionEvents.COALITION_SETTLED);

    public static EventCatalog catalog() {
        return EventCatalog.of(ALL);
    }

    private QuidproEvents() {}
}
