package org.quidpro.coalition.formation;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Max-min fair shares of a capacity among flows with individual limits (eq. 6): every share rises from 0 at
 * the same pace until its flow hits its limit or the capacity is used up. In whole bytes per second: the
 * few bytes that do not divide evenly go one each to the first unsaturated flows in the given order.
 */
public final class ProgressiveFilling {

    private ProgressiveFilling() {}

    /** Shares of {@code capacity} for flows limited to {@code limits}; the limits themselves when all fit. */
    public static long[] share(long capacity, long[] limits) {
        if (capacity < 0 || Arrays.stream(limits).anyMatch(l -> l < 0)) {
            throw new IllegalArgumentException("capacity and limits are not negative");
        }
        int n = limits.length;
        long[] shares = new long[n];
        long total = 0;
        for (long l : limits) {
            total = total + l < 0 ? Long.MAX_VALUE : total + l;
        }
        if (total <= capacity) {
            return limits.clone();
        }
        Integer[] byLimit = IntStream.range(0, n).boxed().sorted(Comparator.comparingLong(i -> limits[i]))
                .toArray(Integer[]::new);
        long remaining = capacity;
        int i = 0;
        for (; i < n; i++) {
            long level = remaining / (n - i);
            if (limits[byLimit[i]] > level) {
                break;
            }
            shares[byLimit[i]] = limits[byLimit[i]];
            remaining -= limits[byLimit[i]];
        }
        if (i == n) {
            return shares;
        }
        long level = remaining / (n - i);
        long leftover = remaining - level * (n - i);
        boolean[] saturated = new boolean[n];
        for (int j = 0; j < i; j++) {
            saturated[byLimit[j]] = true;
        }
        for (int f = 0; f < n; f++) {
            if (!saturated[f]) {
                // limits[f] > level here, so level + 1 never passes a limit
                shares[f] = level + (leftover-- > 0 ? 1 : 0);
            }
        }
        return shares;
    }
}
