package org.quidpro.coalition.formation;

import java.util.Arrays;

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
        long total = 0;
        for (long l : limits) {
            total = total + l < 0 ? Long.MAX_VALUE : total + l;
        }
        if (total <= capacity) {
            return limits.clone();
        }
        // Water level: walk the limits upwards; a flow whose limit is below the fair share of what is left is
        // filled to its limit and leaves. Primitive sort: a coalition may have thousands of members.
        long[] sorted = limits.clone();
        Arrays.sort(sorted);
        long remaining = capacity;
        int i = 0;
        while (i < n && sorted[i] <= remaining / (n - i)) { // stops before n: the limits add up to more than capacity
            remaining -= sorted[i];
            i++;
        }
        long[] shares = new long[n];
        long level = remaining / (n - i);
        long leftover = remaining - level * (n - i);
        for (int f = 0; f < n; f++) {
            // a flow with limit <= level was filled; the others (limit > level) share the level, and the few
            // bytes per second that do not divide go one each to the first of them
            shares[f] = limits[f] <= level ? limits[f] : level + (leftover-- > 0 ? 1 : 0);
        }
        return shares;
    }
}
