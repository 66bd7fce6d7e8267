package org.quidpro.bench.rating;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.quidpro.bench.BenchService;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.quidpro.rating.eigentrust.EigenTrust;
import org.quidpro.rating.eigentrust.TrustGraph;

/**
 * Runs the rating benchmarks and writes {@code bench/results/rating.md}: EigenTrust against JGraphT's
 * PageRank (time, ratio, iterations), the heap the graph and vectors take, and the allocation decision's
 * percentiles against the choker baseline. Arguments: {@code peers=1000000 edges=10000000 quick=false}
 * ({@code quick=true}: 100k peers, 1M edges, for a smoke run).
 */
public final class RatingBenchmarks {

    public static void main(String[] args) throws Exception {
        boolean quick = java.util.Arrays.asList(args).contains("quick=true");
        String peers = BenchService.stringArg(args, "peers", quick ? "100000" : "1000000");
        String edges = BenchService.stringArg(args, "edges", quick ? "1000000" : "10000000");
        Path results = BenchService.results();

        Map<String, String> memory = memory(Integer.parseInt(peers), Integer.parseInt(edges));
        Collection<RunResult> runs = new Runner(new OptionsBuilder()
                .include(EigenTrustBenchmark.class.getName()).include(AllocationBenchmark.class.getName())
                .param("peers", peers).param("edges", edges).build()).run();

        Map<String, RunResult> byName = new LinkedHashMap<>();
        runs.forEach(r -> byName.put(r.getParams().getBenchmark().replaceAll(".*\\.", ""), r));
        double eigen = score(byName, "eigenTrustFixedIterations");
        double eigenBuild = score(byName, "eigenTrustBuildAndFixedIterations");
        double pageRank = score(byName, "jgraphtPageRankFixedIterations");
        double cold = score(byName, "eigenTrustToConvergenceCold");
        double warm = score(byName, "eigenTrustToConvergenceWarm");
        var allocation = byName.get("allocationDecision").getPrimaryResult().getStatistics();
        var choker = byName.get("chokerBaseline").getPrimaryResult().getStatistics();

        StringBuilder md = new StringBuilder();
        md.append("# Rating benchmarks\n\nRun ").append(Instant.now()).append(" on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, ").append(System.getProperty("java.vm.name"))
                .append(' ').append(System.getProperty("java.version")).append(". Command: `./mvnw -q -pl bench spring-boot:run "
                        + "-Dspring-boot.run.main-class=org.quidpro.bench.rating.RatingBenchmarks`.\n\n");
        md.append("## EigenTrust full recompute, ").append(peers).append(" peers, ").append(edges).append(" edges\n\n");
        md.append("| what | time (ms) | ratio to JGraphT PageRank |\n|---|---:|---:|\n");
        md.append(row("JGraphT 1.5.2 PageRank, %d iterations (baseline)".formatted(EigenTrustBenchmark.ITERATIONS), pageRank, 1));
        md.append(row("EigenTrust, %d iterations".formatted(EigenTrustBenchmark.ITERATIONS), eigen, pageRank / eigen));
        md.append(row("EigenTrust, build the sparse rows from the pairs + %d iterations".formatted(
                EigenTrustBenchmark.ITERATIONS), eigenBuild, pageRank / eigenBuild));
        md.append(row("EigenTrust to convergence (L1 < 1e-10), cold, " + memory.get("coldIterations") + " iterations", cold,
                pageRank / cold));
        md.append(row("EigenTrust to convergence, warm start after 1% new edges, " + memory.get("warmIterations")
                + " iterations", warm, pageRank / warm));
        md.append("\nThe same damping (EigenTrust a = 0.15, PageRank d = 0.85), the same uniform pre-trust (teleport) "
                + "vector, dangling peers handed on the same way; L1 distance between the two results after "
                + EigenTrustBenchmark.ITERATIONS + " iterations: ").append(memory.get("l1")).append(".\n\n");
        md.append("## Heap\n\n| what | MB |\n|---|---:|\n");
        memory.forEach((k, v) -> {
            if (k.endsWith("MB")) {
                md.append("| ").append(k, 0, k.length() - 2).append(" | ").append(v).append(" |\n");
            }
        });
        md.append("\n## Allocation decision, 50 requesters (µs)\n\n| what | p50 | p99 | p99.9 | ratio p99 to baseline |\n"
                + "|---|---:|---:|---:|---:|\n");
        md.append("| choker: sort, unchoke 4 + 1 (baseline) | %.2f | %.2f | %.2f | 1 |\n".formatted(choker.getPercentile(50),
                choker.getPercentile(99), choker.getPercentile(99.9)));
        md.append("| quidpro allocation decision | %.2f | %.2f | %.2f | %.1f |\n".formatted(allocation.getPercentile(50),
                allocation.getPercentile(99), allocation.getPercentile(99.9),
                allocation.getPercentile(99) / choker.getPercentile(99)));
        Files.writeString(results.resolve("rating.md"), md);
        System.out.println(md);
    }

    /** Retained heap of the graph and the vectors, measured after full collections; and the iteration counts. */
    static Map<String, String> memory(int peers, int edges) {
        var heap = ManagementFactory.getMemoryMXBean();
        SyntheticTrust trust = SyntheticTrust.generate(peers, edges, 42);
        System.gc();
        long before = heap.getHeapMemoryUsage().getUsed();
        TrustGraph graph = trust.graph();
        System.gc();
        long withGraph = heap.getHeapMemoryUsage().getUsed();
        double[] preTrust = EigenTrust.preTrust(peers);
        EigenTrust.Result cold = new EigenTrust(EigenTrustBenchmark.DAMPING, EigenTrustBenchmark.PRODUCTION_EPSILON, 1000)
                .compute(graph, preTrust, null);
        TrustGraph grown = trust.grown(0.01, 43).graph();
        EigenTrust.Result warm = new EigenTrust(EigenTrustBenchmark.DAMPING, EigenTrustBenchmark.PRODUCTION_EPSILON, 1000)
                .compute(grown, preTrust, cold.trust());
        EigenTrust.Result coldGrown = new EigenTrust(EigenTrustBenchmark.DAMPING, EigenTrustBenchmark.PRODUCTION_EPSILON,
                1000).compute(grown, preTrust, null);
        grown = null;
        double[] fixed = new EigenTrust(EigenTrustBenchmark.DAMPING, Double.MIN_VALUE, EigenTrustBenchmark.ITERATIONS)
                .compute(graph, preTrust, null).trust();
        System.gc();
        long withVectors = heap.getHeapMemoryUsage().getUsed();
        var jgraph = EigenTrustBenchmark.jgrapht(trust);
        var pageRank = new org.jgrapht.alg.scoring.PageRank<>(jgraph, 1 - EigenTrustBenchmark.DAMPING,
                EigenTrustBenchmark.ITERATIONS, Double.MIN_VALUE).getScores();
        double l1 = 0;
        for (int i = 0; i < peers; i++) {
            l1 += Math.abs(pageRank.get(i) - fixed[i]);
        }
        pageRank = null;
        System.gc();
        long withJGraphT = heap.getHeapMemoryUsage().getUsed();
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("EigenTrust sparse rows (the graph)MB", mb(withGraph - before));
        figures.put("EigenTrust graph + pre-trust, start and result vectors, all alive after the computeMB",
                mb(withVectors - before));
        figures.put("JGraphT's sparse graph of the same edges (for comparison)MB", mb(withJGraphT - withVectors));
        figures.put("coldIterations", Integer.toString(coldGrown.iterations()));
        figures.put("warmIterations", Integer.toString(warm.iterations()));
        figures.put("l1", "%.2e".formatted(l1));
        // Keep everything measured reachable until here.
        if (graph.peers() + fixed.length + preTrust.length + jgraph.vertexSet().size() == 0) {
            throw new IllegalStateException();
        }
        return figures;
    }

    private static String mb(long bytes) {
        return "%.0f".formatted(bytes / 1048576.0);
    }

    private static double score(Map<String, RunResult> runs, String name) {
        return runs.get(name).getPrimaryResult().getScore();
    }

    private static String row(String what, double ms, double ratio) {
        return "| %s | %.0f | %.1f× |\n".formatted(what, ms, ratio);
    }
}
