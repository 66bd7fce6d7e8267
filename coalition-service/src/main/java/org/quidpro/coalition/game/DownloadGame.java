package org.quidpro.coalition.game;

import java.util.Arrays;

/**
 * The coalition game of Belmonte, Díaz and Reyna (ICAART 2011) for one download of T bytes: player 0 is
 * the initial uploader p_0, players 1..n the helpers, each with the rate r_i (bytes per second) it sends
 * at. Alone, p_0 needs t_0 = T / r_0 (eq. 2); coalition S that contains p_0 needs
 * t_S = T / (r_0 + B_S) with B_S its helpers' rates (eq. 1), and is worth the time it saves (eqs. 3-4):
 * <pre>
 *   V(S) = t_0 - t_S = t_0 * B_S / (r_0 + B_S)   if p_0 in S,     V(S) = 0 otherwise.
 * </pre>
 * Values and payoffs are in seconds.
 *
 * <p><b>The core, in closed form.</b> Write f(B) = t_0 B / (r_0 + B): f(0) = 0, f is increasing and
 * concave. p_0 is a veto player (V(S) = 0 without it). Claim: x is in the core iff x(N) = V(N) and
 * 0 <= x_i <= m_i = V(N) - V(N \ {i}) for every helper i (p_0 takes the rest).
 * <ul>
 *   <li>Necessary: {i} for a helper has V = 0, so x_i >= 0; N \ {i} must not block, so
 *       x(N) - x_i >= V(N \ {i}), i.e. x_i <= m_i.</li>
 *   <li>Sufficient: take S with p_0 and let H be the helpers outside S, B_S = B - sum_{h in H} r_h.
 *       Concavity makes the marginal value of a helper smallest on top of everyone:
 *       m_h = f(B) - f(B - r_h) <= f(B_S + r_h + (the others of H added before h)) - f(...), and summing
 *       along any order of adding H to S gives sum_{h in H} m_h <= f(B) - f(B_S). Then
 *       x(S) = V(N) - sum_{h in H} x_h >= V(N) - sum_{h in H} m_h >= V(N) - (f(B) - f(B_S)) = V(S).
 *       Coalitions without p_0 have V = 0 <= x(S) since every x_i >= 0 (x_0 >= 0 follows from the same
 *       sum with S = {p_0}).</li>
 * </ul>
 * <b>Eq. 5 lies in it:</b> x_i = t_0 r_0 r_i / (r_0 + B)^2 and m_i = t_0 r_0 r_i / ((r_0 + B)(r_0 + B - r_i)),
 * so 0 <= x_i <= m_i because r_0 + B - r_i <= r_0 + B; and x_0 + sum x_i = t_0 (B^2 + r_0 B) / (r_0 + B)^2
 * = V(N). (With the stored copy's b_0^out in x_i the sum would not be V(N); only r_0 makes it add up.)
 * Equivalently x(S) - V(S) = t_0 r_0 (B - B_S)^2 / ((r_0 + B)^2 (r_0 + B_S)) >= 0.
 */
public final class DownloadGame implements CooperativeGame {

    private final long fileBytes;
    private final long[] rates;
    private final double t0;
    private final long helperRates;

    /**
     * @param fileBytes T, the bytes to transfer
     * @param rates r_0 (the initial uploader's) then the helpers', bytes per second, all positive
     */
    public DownloadGame(long fileBytes, long[] rates) {
        if (fileBytes <= 0) {
            throw new IllegalArgumentException("a download moves at least one byte");
        }
        if (rates.length == 0 || Arrays.stream(rates).anyMatch(r -> r <= 0)) {
            throw new IllegalArgumentException("an initial uploader, and every rate positive");
        }
        this.fileBytes = fileBytes;
        this.rates = rates.clone();
        this.t0 = (double) fileBytes / rates[0];
        this.helperRates = Math.addExact(Arrays.stream(rates).sum(), -rates[0]);
    }

    @Override
    public int players() {
        return rates.length;
    }

    public long fileBytes() {
        return fileBytes;
    }

    public long rate(int player) {
        return rates[player];
    }

    /** t_0 = T / r_0, seconds (eq. 2). */
    public double soloSeconds() {
        return t0;
    }

    /** t_N = T / (r_0 + B), seconds (eq. 1 for the grand coalition). */
    public double coalitionSeconds() {
        return fileBytes / (double) (rates[0] + helperRates);
    }

    /** V(N), seconds saved by the whole coalition. */
    public double grandValue() {
        return valueOfHelpers(helperRates);
    }

    private double valueOfHelpers(double helperBandwidth) {
        return t0 * helperBandwidth / (rates[0] + helperBandwidth);
    }

    @Override
    public double value(long coalition) {
        if ((coalition & 1) == 0) {
            return 0; // without p_0 nothing is downloaded from the coalition (eq. 4)
        }
        long helpers = 0;
        for (long rest = coalition & ~1L; rest != 0; rest &= rest - 1) {
            helpers += rates[Long.numberOfTrailingZeros(rest)];
        }
        return valueOfHelpers(helpers);
    }

    @Override
    public Assembly assemble() {
        return new Assembly() {
            private boolean uploader;
            private long helpers;

            @Override
            public double add(int player) {
                if (player == 0) {
                    uploader = true;
                } else {
                    helpers += rates[player];
                }
                return uploader ? valueOfHelpers(helpers) : 0;
            }
        };
    }

    /** p_0 adds at most V(N); helper i at most f(r_i) = V({p_0, i}) (concavity: the first helper adds most). */
    @Override
    public double marginalUpperBound(int player) {
        return player == 0 ? grandValue() : valueOfHelpers(rates[player]);
    }

    /** The paper's division (eq. 5), in seconds: x_0 = t_0 B^2 / (r_0 + B)^2, x_i = t_0 r_0 r_i / (r_0 + B)^2. */
    public double[] payoffs() {
        double r0 = rates[0];
        double total = r0 + helperRates;
        double[] x = new double[rates.length];
        x[0] = t0 * helperRates * (double) helperRates / (total * total);
        for (int i = 1; i < rates.length; i++) {
            x[i] = t0 * r0 * rates[i] / (total * total);
        }
        return x;
    }

    /** m_i = V(N) - V(N \ {i}) for each player (for p_0: V(N)), the upper ends of the core box. */
    public double[] marginalContributions() {
        double[] m = new double[rates.length];
        m[0] = grandValue();
        for (int i = 1; i < rates.length; i++) {
            m[i] = grandValue() - valueOfHelpers(helperRates - rates[i]);
        }
        return m;
    }

    /**
     * Core membership by the closed form above: linear in n, for any n. {@code tolerance} is relative to
     * V(N).
     */
    public boolean inCore(double[] x, double tolerance) {
        if (x.length != rates.length) {
            return false;
        }
        double slack = tolerance * Math.max(1.0, grandValue());
        double[] m = marginalContributions();
        double sum = x[0];
        for (int i = 1; i < x.length; i++) {
            if (x[i] < -slack || x[i] > m[i] + slack) {
                return false;
            }
            sum += x[i];
        }
        return Math.abs(sum - grandValue()) <= slack;
    }
}
