package org.quidpro.rating.eigentrust;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Global trust by EigenTrust (Kamvar, Schlosser, Garcia-Molina, WWW 2003): the power iteration
 * {@code t <- (1 - a) C^T t + a p} until the L1 change is below epsilon. A dangling peer's trust is
 * handed on by {@code p}, as if its row of C were {@code p}. The pre-trust vector is uniform over the
 * community's pre-trusted peers, or over all peers when none are set. Starting from the previous vector
 * (warm start) makes recomputes after small changes converge in a few iterations.
 *
 * @param damping a, the weight of the pre-trust vector in every step (0 &lt;= a &lt; 1)
 * @param epsilon stop when the L1 change of one iteration is below this
 * @param maxIterations stop here even if not converged
 */
public record EigenTrust(double damping, double epsilon, int maxIterations) {

    /** Peers per parallel task: big enough that splitting costs less than it saves. */
    private static final int CHUNK = 4096;

    public EigenTrust {
        if (!(damping >= 0 && damping < 1)) {
            throw new IllegalArgumentException("damping is in [0, 1)");
        }
        if (!(epsilon > 0) || maxIterations < 1) {
            throw new IllegalArgumentException("epsilon > 0 and at least one iteration");
        }
    }

    /** The outcome: the trust vector (sums to 1), how many iterations, the last L1 change. */
    public record Result(double[] trust, int iterations, double residual, boolean converged) {}

    /** The pre-trust vector: uniform over {@code preTrusted}, or over all peers when it is empty. */
    public static double[] preTrust(int peers, int... preTrusted) {
        double[] p = new double[peers];
        if (preTrusted.length == 0) {
            Arrays.fill(p, 1.0 / peers);
        } else {
            for (int i : preTrusted) {
                p[i] = 1.0;
            }
            double distinct = Arrays.stream(p).sum();
            for (int i : preTrusted) {
                p[i] = 1.0 / distinct;
            }
        }
        return p;
    }

    /**
     * @param preTrust p, a distribution over the peers
     * @param start the previous trust vector (warm start), or null to start from p
     */
    public Result compute(TrustGraph graph, double[] preTrust, double[] start) {
        int n = graph.peers();
        if (preTrust.length != n || (start != null && start.length != n)) {
            throw new IllegalArgumentException("vectors have one entry per peer");
        }
        double[] t = start == null ? preTrust.clone() : normalised(start, preTrust);
        double[] next = new double[n];
        int chunks = (n + CHUNK - 1) / CHUNK;
        double residual = Double.POSITIVE_INFINITY;
        int iteration = 0;
        while (iteration < maxIterations && residual >= epsilon) {
            double[] current = t;
            double[] target = next;
            double danglingMass = graph.danglingMass(current);
            double keep = 1 - damping;
            residual = IntStream.range(0, chunks).parallel().mapToDouble(chunk -> {
                double change = 0;
                for (int j = chunk * CHUNK, end = Math.min(n, j + CHUNK); j < end; j++) {
                    double value = keep * (graph.gather(j, current) + danglingMass * preTrust[j]) + damping * preTrust[j];
                    change += Math.abs(value - current[j]);
                    target[j] = value;
                }
                return change;
            }).sum();
            next = t;
            t = target;
            iteration++;
        }
        return new Result(t, iteration, residual, residual < epsilon);
    }

    /** A start vector made a distribution (a previous vector may have fewer peers' mass than now). */
    private static double[] normalised(double[] start, double[] fallback) {
        double sum = 0;
        for (double v : start) {
            if (v < 0 || Double.isNaN(v)) {
                throw new IllegalArgumentException("a trust vector has no negative entries");
            }
            sum += v;
        }
        if (sum == 0) {
            return fallback.clone();
        }
        double[] t = new double[start.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = start[i] / sum;
        }
        return t;
    }
}
