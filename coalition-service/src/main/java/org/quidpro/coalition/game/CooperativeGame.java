package org.quidpro.coalition.game;

/**
 * A transferable-utility cooperative game: n players and a characteristic function v giving every
 * coalition (a bit set of players, bit i = player i) the value it can secure on its own; v(empty) = 0.
 * Bit sets in a {@code long} limit {@link #value} to 63 players, far beyond where 2^n enumeration is
 * feasible anyway; sampling tools walk orders of arrival through {@link #assemble}, which a game with
 * more players overrides.
 */
public interface CooperativeGame {

    int players();

    /** v(S) for the coalition whose members are the set bits of {@code coalition}. */
    double value(long coalition);

    /** The grand coalition N as a bit set. */
    default long grand() {
        return players() == 64 ? -1L : (1L << players()) - 1;
    }

    /**
     * An upper bound on any marginal contribution v(S + i) - v(S) of player i (the lower bound is 0 in a
     * monotone game); the sampled Shapley value's error bound rests on it. Unknown by default.
     */
    default double marginalUpperBound(int player) {
        return Double.POSITIVE_INFINITY;
    }

    /** A coalition built one arrival at a time. */
    interface Assembly {
        /** Adds {@code player} and returns the value of the coalition so far. */
        double add(int player);
    }

    /** Starts an empty coalition; the default recomputes {@link #value} on every arrival. */
    default Assembly assemble() {
        return new Assembly() {
            private long coalition;

            @Override
            public double add(int player) {
                coalition |= 1L << player;
                return value(coalition);
            }
        };
    }
}
