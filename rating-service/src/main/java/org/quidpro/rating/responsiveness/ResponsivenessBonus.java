package org.quidpro.rating.responsiveness;

/**
 * The responsiveness bonus Rb of Belmonte, Díaz and Reyna (ICAART 2011, eqs. 8-10), in [0, 1]:
 * <pre>
 *   Rb = 1                 if Up - Dp >= 0
 *      = 0                 if Up - Dp &lt; 0, Up = 0 and Fs = 0      (a free-rider)
 *      = 1                 if Up - Dp &lt; 0, Up = 0 and Fs &gt; 0      (shares files, nobody asked yet)
 *      = Up * gamma / Dp   if Up - Dp &lt; 0 and Up &gt; 0, clipped to [0, 1]
 * </pre>
 * with Up the utility a peer earned lending bandwidth in coalitions, Dp the utility it consumed as a
 * downloader, Fs the number of files it shares. A downloader may use Rb * b_out of its bandwidth.
 *
 * <p>One case the paper leaves open is a peer with nothing at all (Up = Dp = Fs = 0): the paper starts everyone
 * at Rb = 1, so every fresh identity gets one coalition before the free-rider rule catches it, and a
 * whitewasher that re-registers after each download keeps getting them. {@code newcomerBonus} sets that
 * case: 1 is the paper's, 0 asks a new peer to share a file before a coalition forms for it.
 *
 * @param gamma the community's weight of earned against consumed utility (not given in the paper)
 * @param newcomerBonus Rb of a peer that has earned, consumed and shared nothing, in [0, 1]
 */
public record ResponsivenessBonus(double gamma, double newcomerBonus) {

    public ResponsivenessBonus {
        if (!(gamma > 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("gamma is positive and finite");
        }
        if (!(newcomerBonus >= 0 && newcomerBonus <= 1)) {
            throw new IllegalArgumentException("the newcomer bonus is in [0, 1]");
        }
    }

    /** The paper's bonus: a newcomer starts at 1. */
    public ResponsivenessBonus(double gamma) {
        this(gamma, 1.0);
    }

    /**
     * @param earned Up, utility earned (seconds saved for others), decayed as the community says
     * @param consumed Dp, utility consumed
     * @param filesShared Fs
     */
    public double of(double earned, double consumed, long filesShared) {
        if (earned < 0 || consumed < 0 || filesShared < 0) {
            throw new IllegalArgumentException("utilities and file counts are not negative");
        }
        if (earned == 0 && consumed == 0 && filesShared == 0) {
            return newcomerBonus;
        }
        if (earned - consumed >= 0) {
            return 1.0;
        }
        if (earned == 0) {
            return filesShared > 0 ? 1.0 : 0.0;
        }
        return Math.clamp(earned * gamma / consumed, 0.0, 1.0);
    }
}
