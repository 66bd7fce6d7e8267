package org.quidpro.coalition.game;

import java.util.random.RandomGenerator;

/**
 * The Shapley value: each player's marginal contribution averaged over all orders in which the grand
 * coalition could assemble. Exact by enumerating coalitions (n 2^n work), or estimated from random
 * orders with a Hoeffding error bound for large n.
 */
public final class Shapley {

    /** The largest n {@link #exact} accepts. */
    public static final int MAX_EXACT_PLAYERS = 20;

    /**
     * An estimate and, per player, the half-width of a confidence interval: with probability at least
     * {@code confidence}, each |estimate - phi| <= halfWidth (Hoeffding, per player).
     */
    public record Estimate(double[] values, double[] halfWidth, double confidence, int samples) {}

    private Shapley() {}

    /** phi_i = sum over S without i of |S|! (n-|S|-1)! / n! * (v(S + i) - v(S)). */
    public static double[] exact(CooperativeGame game) {
        int n = game.players();
        if (n > MAX_EXACT_PLAYERS) {
            throw new IllegalArgumentException("the exact Shapley value enumerates 2^n coalitions: at most "
                    + MAX_EXACT_PLAYERS + " players, not " + n + "; use the sampled estimate");
        }
        int size = 1 << n;
        double[] v = new double[size];
        for (int s = 1; s < size; s++) {
            v[s] = game.value(s);
        }
        // weight[k] = k! (n-k-1)! / n!, built by a ratio recurrence to stay finite for any n here
        double[] weight = new double[n];
        weight[0] = 1.0 / n;
        for (int k = 1; k < n; k++) {
            weight[k] = weight[k - 1] * k / (n - k);
        }
        double[] phi = new double[n];
        for (int s = 0; s < size; s++) {
            int k = Integer.bitCount(s);
            for (int i = 0; i < n; i++) {
                if ((s & (1 << i)) == 0) {
                    phi[i] += weight[k] * (v[s | (1 << i)] - v[s]);
                }
            }
        }
        return phi;
    }

    /**
     * Monte Carlo over {@code samples} random orders. Each sample of player i's marginal contribution lies
     * in [0, {@link CooperativeGame#marginalUpperBound}] (the game must be monotone and give that bound),
     * so Hoeffding's inequality gives P(|estimate - phi_i| >= e) <= 2 exp(-2 m e^2 / R_i^2); the half-width
     * reported is e = R_i sqrt(ln(2 / (1 - confidence)) / (2 m)).
     */
    public static Estimate sampled(CooperativeGame game, int samples, double confidence, RandomGenerator random) {
        int n = game.players();
        if (samples < 1 || !(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("at least one sample, and a confidence strictly between 0 and 1");
        }
        double[] sum = new double[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int m = 0; m < samples; m++) {
            for (int i = n - 1; i > 0; i--) { // Fisher-Yates
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            CooperativeGame.Assembly coalition = game.assemble();
            double before = 0;
            for (int p : order) {
                double after = coalition.add(p);
                sum[p] += after - before;
                before = after;
            }
        }
        double[] values = new double[n];
        double[] halfWidth = new double[n];
        double factor = Math.sqrt(Math.log(2 / (1 - confidence)) / (2.0 * samples));
        for (int i = 0; i < n; i++) {
            values[i] = sum[i] / samples;
            halfWidth[i] = game.marginalUpperBound(i) * factor;
        }
        return new Estimate(values, halfWidth, confidence, samples);
    }
}
