package org.quidpro.contracts.coalition;

import org.quidpro.contracts.EventType;
import org.quidpro.contracts.Topics;

/** The events the coalition service publishes. */
public final class CoalitionEvents {

    public static final EventType<CoalitionFormed> COALITION_FORMED =
            new EventType<>("CoalitionFormed", 1, CoalitionFormed.class, Topics.COALITIONS);
    public static final EventType<CoalitionSettled> COALITION_SETTLED =
            new EventType<>("CoalitionSettled", 1, CoalitionSettled.class, Topics.COALITIONS);

    private CoalitionEvents() {}
}
