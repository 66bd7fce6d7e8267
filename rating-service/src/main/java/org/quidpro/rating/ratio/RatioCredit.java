package org.quidpro.rating.ratio;

/**
 * eMule's credit modifier, for a pair (what peer X gave me against what it took from me) or globally
 * (what X gave the community against what it took). As in eMule's {@code CClientCredits::GetScoreRatio}:
 * below a minimum volume provided the modifier is 1; otherwise
 * {@code min(2 * provided / consumed, sqrt(provided / step + 2))}, with the first term 10 when nothing
 * was consumed, clamped to [1, 10].
 *
 * @param minimumVolume provided units below which the modifier stays 1 (eMule: 1 MiB of bytes)
 * @param step the unit of the square-root term (eMule: 1 MiB); communities counting seconds or
 *     consultations choose their own
 */
public record RatioCredit(long minimumVolume, double step) {

    public static final double MIN = 1.0;
    public static final double MAX = 10.0;
    public static final long MIB = 1L << 20;
    /** eMule's own settings, for communities that count bytes. */
    public static final RatioCredit EMULE = new RatioCredit(MIB, MIB);

    public RatioCredit {
        if (minimumVolume < 0 || !(step > 0)) {
            throw new IllegalArgumentException("minimumVolume >= 0 and step > 0");
        }
    }

    public double modifier(long provided, long consumed) {
        if (provided < 0 || consumed < 0) {
            throw new IllegalArgumentException("volumes are not negative");
        }
        if (provided < minimumVolume) {
            return MIN;
        }
        double byRatio = consumed == 0 ? MAX : 2.0 * provided / consumed;
        double byVolume = Math.sqrt(provided / step + 2.0);
        return Math.clamp(Math.min(byRatio, byVolume), MIN, MAX);
    }
}
