package org.quidpro.coalition.formation;

import java.util.List;

/**
 * How one download is served: who sends which bytes at what rate, how long it takes alone and together,
 * and how the time saved is divided.
 *
 * @param kind COALITION, or SINGLE_SOURCE when the requester's bonus is 0 (p_0 alone, nothing to divide)
 * @param usableBytesPerSecond Rb_b * b_out_b
 * @param soloSeconds t_0 = T / r_0
 * @param coalitionSeconds t_S = T / sum of the granted rates
 * @param valueSeconds V(S) = t_0 - t_S
 */
public record Plan(Kind kind, ByteRange range, long downloadBytesPerSecond, double bonus, long usableBytesPerSecond,
        List<Member> members, double soloSeconds, double coalitionSeconds, double valueSeconds) {

    public enum Kind { COALITION, SINGLE_SOURCE }

    public Plan {
        members = List.copyOf(members);
    }

    public long fileBytes() {
        return range.length();
    }
}
