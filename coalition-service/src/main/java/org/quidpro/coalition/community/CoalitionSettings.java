package org.quidpro.coalition.community;

import java.time.Duration;
import java.util.Map;

/**
 * A community's coalition settings, from the {@code coalition} section of its allocation settings
 * ({@code {"maxMembers": 16, "settleWithin": "PT1H"}}); what is missing takes the service's defaults.
 *
 * @param maxMembers members per coalition, p_0 included
 * @param settleWithin how long a coalition waits for its receipts before it expires
 */
public record CoalitionSettings(int maxMembers, Duration settleWithin) {

    public CoalitionSettings {
        if (maxMembers < 1 || settleWithin.isNegative() || settleWithin.isZero()) {
            throw new IllegalArgumentException("maxMembers at least 1 and settleWithin positive");
        }
    }

    /** Reads the section leniently: a malformed value keeps the default (accounting stores it as given). */
    public static CoalitionSettings from(Map<String, Object> allocation, CoalitionSettings defaults) {
        Object section = allocation == null ? null : allocation.get("coalition");
        if (!(section instanceof Map<?, ?> coalition)) {
            return defaults;
        }
        int maxMembers = coalition.get("maxMembers") instanceof Number n && n.intValue() >= 1 ? n.intValue()
                : defaults.maxMembers();
        Duration settleWithin = defaults.settleWithin();
        if (coalition.get("settleWithin") instanceof String text) {
            try {
                Duration parsed = Duration.parse(text);
                settleWithin = parsed.isNegative() || parsed.isZero() ? settleWithin : parsed;
            } catch (java.time.format.DateTimeParseException e) {
                // keep the default
            }
        }
        return new CoalitionSettings(maxMembers, settleWithin);
    }
}
