package org.quidpro.bench.rating;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jgrapht.alg.scoring.PageRank;
import org.jgrapht.alg.util.Triple;
import org.jgrapht.opt.graph.sparse.SparseIntDirectedWeightedGraph;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.quidpro.rating.eigentrust.EigenTrust;
import org.quidpro.rating.eigentrust.TrustGraph;

/**
 * A full EigenTrust recompute on a synthetic community (1M peers, 10M trust edges by default) beside
 * JGraphT's PageRank on the same graph, the same damping and the same number of iterations: the same
 * computation (a dangling peer's mass follows the uniform pre-trust vector in both). Also EigenTrust as the
 * service runs it: to convergence (L1 change below 1e-10), cold, and warm from the previous vector after
 * 1% new contributions.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
public class EigenTrustBenchmark {

    static final double DAMPING = 0.15;
    static final int ITERATIONS = 30;
    static final double PRODUCTION_EPSILON = 1e-10;

    @State(Scope.Benchmark)
    public static class Community {
        @Param("1000000") public int peers;
        @Param("10000000") public int edges;
        SyntheticTrust trust;
        TrustGraph graph;
        TrustGraph grown;
        double[] preTrust;
        double[] previous;

        @Setup(Level.Trial)
        public void build() {
            trust = SyntheticTrust.generate(peers, edges, 42);
            graph = trust.graph();
            grown = trust.grown(0.01, 43).graph();
            preTrust = EigenTrust.preTrust(peers);
            previous = new EigenTrust(DAMPING, PRODUCTION_EPSILON, 1000).compute(graph, preTrust, null).trust();
        }
    }

    @State(Scope.Benchmark)
    public static class JGraphTCommunity {
        @Param("1000000") public int peers;
        @Param("10000000") public int edges;
        SparseIntDirectedWeightedGraph graph;

        @Setup(Level.Trial)
        public void build() {
            graph = jgrapht(SyntheticTrust.generate(peers, edges, 42));
        }
    }

    static SparseIntDirectedWeightedGraph jgrapht(SyntheticTrust trust) {
        List<Triple<Integer, Integer, Double>> list = new ArrayList<>(trust.edges());
        for (int e = 0; e < trust.edges(); e++) {
            list.add(Triple.of(trust.from()[e], trust.to()[e], trust.amount()[e]));
        }
        return new SparseIntDirectedWeightedGraph(trust.peers(), list);
    }

    @Benchmark
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public double[] eigenTrustFixedIterations(Community c) {
        return new EigenTrust(DAMPING, Double.MIN_VALUE, ITERATIONS).compute(c.graph, c.preTrust, null).trust();
    }

    @Benchmark
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public double[] eigenTrustBuildAndFixedIterations(Community c) {
        return new EigenTrust(DAMPING, Double.MIN_VALUE, ITERATIONS).compute(c.trust.graph(), c.preTrust, null).trust();
    }

    @Benchmark
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public EigenTrust.Result eigenTrustToConvergenceCold(Community c) {
        return new EigenTrust(DAMPING, PRODUCTION_EPSILON, 1000).compute(c.grown, c.preTrust, null);
    }

    @Benchmark
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public EigenTrust.Result eigenTrustToConvergenceWarm(Community c) {
        return new EigenTrust(DAMPING, PRODUCTION_EPSILON, 1000).compute(c.grown, c.preTrust, c.previous);
    }

    @Benchmark
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public Map<Integer, Double> jgraphtPageRankFixedIterations(JGraphTCommunity c) {
        return new PageRank<>(c.graph, 1 - DAMPING, ITERATIONS, Double.MIN_VALUE).getScores();
    }
}
