package org.quidpro.rating.community;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.quidpro.rating.responsiveness.ResponsivenessBonus;

/**
 * How a community rates its peers, read from the {@code rating} part of its configuration (accounting
 * owns it; every key is optional and has the default below).
 *
 * @param scheme eigentrust, ratio, responsiveness or none
 * @param damping EigenTrust's a (default 0.15)
 * @param preTrusted EigenTrust's pre-trusted peer ids (default none: all peers)
 * @param halfLife local trust halves in this time (default 30 days)
 * @param scoreWeighted local trust from the consumer's 1-5 score rather than satisfied/unsatisfied
 * @param recomputeAfter recompute after this many new contributions (default 100)
 * @param recomputeEvery recompute on this schedule when there is anything new (default 10 s); whichever of
 *     the two comes first triggers a recompute
 * @param newcomerScore the relative score of a newcomer, one with no contribution either way yet (default 0,
 *     at most 0.99). It never exceeds the lowest relative score of a peer that has provided anything, so a
 *     fresh identity (whitewashing) never stands above a contributing peer.
 * @param minimumVolume the ratio scheme's minimum provided volume (default 1 MiB for bytes)
 * @param step the ratio scheme's unit of the square-root term (default 1 MiB for bytes)
 * @param responsivenessGamma the responsiveness bonus's gamma, weight of earned against consumed utility
 *     (default 1; the paper does not give its value)
 * @param responsivenessNewcomerBonus Rb of a peer that has earned, consumed and shared nothing (default 1, the
 *     paper's; 0 makes a fresh identity share a file before a coalition forms for it, against whitewashing)
 */
public record RatingSettings(String scheme, double damping, List<String> preTrusted, Duration halfLife,
        boolean scoreWeighted, long recomputeAfter, Duration recomputeEvery, double newcomerScore, long minimumVolume,
        double step, double responsivenessGamma, double responsivenessNewcomerBonus) {

    public static final double MAX_NEWCOMER_SCORE = 0.99;

    /** Reads the settings; anything missing or of the wrong type takes its default. */
    public static RatingSettings from(Map<String, Object> rating, String unit) {
        boolean bytes = "BYTES".equals(unit);
        return new RatingSettings(
                rating.get("scheme") instanceof String s ? s : "eigentrust",
                rating.get("damping") instanceof Number n ? n.doubleValue() : 0.15,
                rating.get("preTrusted") instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(),
                duration(rating.get("halfLife"), Duration.ofDays(30)),
                Boolean.TRUE.equals(rating.get("scoreWeighted")),
                rating.get("recomputeAfterContributions") instanceof Number n ? Math.max(1, n.longValue()) : 100,
                duration(rating.get("recomputeEvery"), Duration.ofSeconds(10)),
                rating.get("newcomerScore") instanceof Number n
                        ? Math.clamp(n.doubleValue(), 0, MAX_NEWCOMER_SCORE) : 0.0,
                rating.get("minimumVolume") instanceof Number n ? n.longValue() : bytes ? 1L << 20 : 1,
                rating.get("step") instanceof Number n ? n.doubleValue() : bytes ? 1 << 20 : 1,
                rating.get("responsivenessGamma") instanceof Number n && n.doubleValue() > 0
                        && Double.isFinite(n.doubleValue()) ? n.doubleValue() : 1.0,
                rating.get("responsivenessNewcomerBonus") instanceof Number n && Double.isFinite(n.doubleValue())
                        ? Math.clamp(n.doubleValue(), 0, 1) : 1.0);
    }

    /** The settings of a community whose configuration has not arrived (yet): every default. */
    public static RatingSettings defaults(String unit) {
        return from(Map.of(), unit);
    }

    private static Duration duration(Object value, Duration otherwise) {
        try {
            return value instanceof String text && Duration.parse(text).isPositive() ? Duration.parse(text) : otherwise;
        } catch (java.time.format.DateTimeParseException e) {
            return otherwise;
        }
    }

    /**
     * The coalition paper's Rb under these settings; in a community whose scheme is {@code none} the incentive
     * is off and every peer has the full bonus.
     */
    public double responsivenessBonus(double earned, double consumed, long filesShared) {
        return "none".equals(scheme) ? 1.0
                : new ResponsivenessBonus(responsivenessGamma, responsivenessNewcomerBonus).of(earned, consumed, filesShared);
    }

    /** Whether a community with {@code pending} new contributions, last computed at {@code last}, is due now. */
    public boolean due(long pending, java.time.Instant last, java.time.Instant now) {
        return pending > 0 && (pending >= recomputeAfter || last == null || !last.plus(recomputeEvery).isAfter(now));
    }

    /**
     * What one receipt adds to the consumer's trust in the provider: its amount if satisfied, minus it if
     * not; score-weighted communities scale it from -1 (score 1) to +1 (score 5).
     */
    public double localTrust(long amount, boolean satisfied, Integer score) {
        if (scoreWeighted && score != null) {
            return amount * (score - 3) / 2.0;
        }
        return satisfied ? amount : -amount;
    }
}
