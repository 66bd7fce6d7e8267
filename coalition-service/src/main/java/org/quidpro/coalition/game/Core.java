package org.quidpro.coalition.game;

import java.util.Optional;

/**
 * The core: payoff vectors x with x(N) = v(N) (global rationality) and x(S) >= v(S) for every coalition S
 * (group rationality), so no group of players can do better by leaving. The exact check enumerates all
 * 2^n - 1 coalitions, adding each coalition's payoff and value incrementally from a smaller one.
 */
public final class Core {

    /** The largest n the exact check accepts: 2^24 coalitions, 128 MiB of scratch for v and x(S). */
    public static final int MAX_EXACT_PLAYERS = 24;

    /** A coalition that would rather leave: its value exceeds what x pays its members. */
    public record Blocking(long coalition, double value, double payoff) {}

    /** [lower, upper] bounds on one player's payoff in any core allocation. */
    public record Bounds(double lower, double upper) {}

    private Core() {}

    /**
     * The first coalition that blocks {@code x} (or, as coalition N, a violation of x(N) = v(N)); empty when
     * x is in the core. {@code tolerance} absorbs floating-point rounding, relative to v(N).
     */
    public static Optional<Blocking> check(CooperativeGame game, double[] x, double tolerance) {
        int n = game.players();
        if (x.length != n) {
            throw new IllegalArgumentException("one payoff per player: " + n + ", not " + x.length);
        }
        if (n > MAX_EXACT_PLAYERS) {
            throw new IllegalArgumentException("the exact core check enumerates 2^n coalitions: at most "
                    + MAX_EXACT_PLAYERS + " players, not " + n);
        }
        long grand = game.grand();
        double vN = game.value(grand);
        double slack = tolerance * Math.max(1.0, Math.abs(vN));
        int size = 1 << n;
        double[] paid = new double[size];
        for (int s = 1; s < size; s++) {
            int lowest = Integer.numberOfTrailingZeros(s);
            paid[s] = paid[s & (s - 1)] + x[lowest];
            double v = game.value(s);
            if (s == grand ? Math.abs(paid[s] - v) > slack : paid[s] < v - slack) {
                return Optional.of(new Blocking(s, v, paid[s]));
            }
        }
        return Optional.empty();
    }

    /**
     * Per player, v({i}) <= x(i) <= v(N) - v(N \ {i}): individual rationality below, the marginal
     * contribution to the grand coalition above (N \ {i} must not block). Every core allocation lies in
     * this box; for the download game (see {@link DownloadGame}) the box, with x(N) = v(N), is the core.
     */
    public static Bounds[] marginalBounds(CooperativeGame game) {
        int n = game.players();
        long grand = game.grand();
        double vN = game.value(grand);
        Bounds[] bounds = new Bounds[n];
        for (int i = 0; i < n; i++) {
            bounds[i] = new Bounds(game.value(1L << i), vN - game.value(grand & ~(1L << i)));
        }
        return bounds;
    }
}
