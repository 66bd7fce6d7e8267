package org.quidpro.rating.community;

import java.util.Locale;
import java.util.Map;
import org.quidpro.rating.allocation.AllocationPolicy;

/**
 * A community's allocation policy, read from the {@code allocation} part of its configuration:
 * {@code newcomerShare} (default 0.1), {@code freeRiderFloor} in relative score (default 0.05, where 1 is
 * the average peer) and {@code belowFloor} ({@code queue}, the default, or {@code refuse}).
 */
public final class AllocationSettings {

    private AllocationSettings() {}

    public static AllocationPolicy from(Map<String, Object> allocation) {
        return new AllocationPolicy(
                allocation.get("newcomerShare") instanceof Number n ? n.doubleValue() : 0.1,
                allocation.get("freeRiderFloor") instanceof Number n ? n.doubleValue() : 0.05,
                "refuse".equals(String.valueOf(allocation.get("belowFloor")).toLowerCase(Locale.ROOT))
                        ? AllocationPolicy.BelowFloor.REFUSE : AllocationPolicy.BelowFloor.QUEUE);
    }
}
