package org.quidpro.rating.decay;

import java.time.Duration;
import java.time.Instant;

/**
 * A quantity that halves every half-life, decayed lazily: it is stored with the instant it was last
 * brought up to date, and only brought forward when it is read or added to. No sweep over all values
 * ever runs.
 */
public record Decaying(double value, Instant asOf) {

    public static Decaying zero(Instant now) {
        return new Decaying(0, now);
    }

    /** The value at {@code now}: {@code value * 2^(-(now - asOf) / halfLife)}; never grows backwards in time. */
    public double at(Instant now, Duration halfLife) {
        if (halfLife.isZero() || halfLife.isNegative()) {
            throw new IllegalArgumentException("a half-life is positive");
        }
        if (!now.isAfter(asOf)) {
            return value;
        }
        double halfLives = (double) Duration.between(asOf, now).toNanos() / halfLife.toNanos();
        return value * Math.pow(0.5, halfLives);
    }

    /** This value decayed to {@code now}, plus {@code amount}. */
    public Decaying plus(double amount, Instant now, Duration halfLife) {
        Instant later = now.isAfter(asOf) ? now : asOf;
        return new Decaying(at(later, halfLife) + amount, later);
    }
}
