package org.quidpro.bench.rating;

import java.util.SplittableRandom;
import org.quidpro.rating.eigentrust.TrustGraph;

/**
 * A synthetic community's local trust: {@code edges} pairs among {@code peers}, truster uniform, trustee
 * skewed towards a few popular providers (index drawn as peers * u^3), amounts 1..1000, no self-trust.
 * Seeded, so every benchmark and every run sees the same graph.
 */
record SyntheticTrust(int peers, int[] from, int[] to, double[] amount) {

    static SyntheticTrust generate(int peers, int edges, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] from = new int[edges];
        int[] to = new int[edges];
        double[] amount = new double[edges];
        for (int e = 0; e < edges; e++) {
            int i = random.nextInt(peers);
            int j;
            do {
                double u = random.nextDouble();
                j = (int) (peers * u * u * u);
            } while (j == i);
            from[e] = i;
            to[e] = j;
            amount[e] = 1 + random.nextInt(1000);
        }
        return new SyntheticTrust(peers, from, to, amount);
    }

    int edges() {
        return from.length;
    }

    TrustGraph graph() {
        TrustGraph.Builder builder = TrustGraph.builder(peers);
        for (int e = 0; e < from.length; e++) {
            builder.add(from[e], to[e], amount[e]);
        }
        return builder.build();
    }

    /** The same graph with {@code share} more edges (new contributions since the last recompute). */
    SyntheticTrust grown(double share, long seed) {
        SyntheticTrust extra = generate(peers, (int) (from.length * share), seed);
        int n = from.length + extra.edges();
        int[] f = java.util.Arrays.copyOf(from, n);
        int[] t = java.util.Arrays.copyOf(to, n);
        double[] a = java.util.Arrays.copyOf(amount, n);
        System.arraycopy(extra.from(), 0, f, from.length, extra.edges());
        System.arraycopy(extra.to(), 0, t, from.length, extra.edges());
        System.arraycopy(extra.amount(), 0, a, from.length, extra.edges());
        return new SyntheticTrust(peers, f, t, a);
    }
}
