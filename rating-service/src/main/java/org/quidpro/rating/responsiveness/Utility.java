package org.quidpro.rating.responsiveness;

/**
 * A peer's standing in the coalition mechanism, decayed to the instant it was read.
 *
 * @param earnedSeconds Up: payoffs earned as a coalition member (eq. 8: Up += x_i)
 * @param consumedSeconds Dp: value consumed as a requester
 * @param filesShared Fs
 */
public record Utility(double earnedSeconds, double consumedSeconds, long filesShared) {

    public static final Utility NONE = new Utility(0, 0, 0);
}
