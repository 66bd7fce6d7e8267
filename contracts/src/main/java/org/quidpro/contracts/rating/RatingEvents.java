package org.quidpro.contracts.rating;

import org.quidpro.contracts.EventType;
import org.quidpro.contracts.Topics;

/** The events the rating service publishes. */
public final class RatingEvents {

    public static final EventType<RatingChanged> RATING_CHANGED =
            new EventType<>("RatingChanged", 1, RatingChanged.class, Topics.RATINGS);

    private RatingEvents() {}
}
