package org.quidpro.bench.coalition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.quidpro.bench.BenchService;

/**
 * Runs {@link CoalitionBenchmark} and writes {@code bench/results/coalition.md}. Command:
 * {@code ./mvnw -q -pl bench spring-boot:run -Dspring-boot.run.main-class=org.quidpro.bench.coalition.CoalitionBenchmarks}.
 */
public final class CoalitionBenchmarks {

    public static void main(String[] args) throws Exception {
        Map<String, RunResult> runs = new LinkedHashMap<>();
        new Runner(new OptionsBuilder().include(CoalitionBenchmark.class.getName()).build()).run()
                .forEach(r -> runs.put(r.getParams().getBenchmark().replaceAll(".*\\.", ""), r));
        StringBuilder md = new StringBuilder("# Coalition benchmarks\n\nRun ").append(Instant.now()).append(" on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version"))
                .append(". Command: `./mvnw -q -pl bench spring-boot:run "
                        + "-Dspring-boot.run.main-class=org.quidpro.bench.coalition.CoalitionBenchmarks`.\n\n")
                .append("| what | p50 (µs) | p99 (µs) | target | ratio p50 to baseline |\n|---|---:|---:|---:|---:|\n");
        double sort = p(runs, "sortHoldersBaseline", 50);
        double sums = p(runs, "coalitionSumsBaseline", 50);
        row(md, runs, "sort 10,000 holders by preference (baseline)", "sortHoldersBaseline", "", sort);
        row(md, runs, "form a coalition of at most 16 of 10,000 holders, with payoffs", "formSixteenOfTenThousand",
                "≤ 2,000", sort);
        row(md, runs, "form a coalition of all 10,000 holders, with payoffs", "formWithAllTenThousand", "≤ 2,000", sort);
        row(md, runs, "sum the payoffs of all 65,535 coalitions of 16 players (baseline)", "coalitionSumsBaseline", "",
                sums);
        row(md, runs, "exact core check, n = 16 (all 65,535 coalitions)", "exactCoreCheckSixteen", "≤ 50,000", sums);
        Path results = BenchService.results();
        Files.writeString(results.resolve("coalition.md"), md);
        System.out.println(md);
    }

    private static void row(StringBuilder md, Map<String, RunResult> runs, String what, String name, String target,
            double baseline) {
        md.append("| %s | %.1f | %.1f | %s | %.2f |%n".formatted(what, p(runs, name, 50), p(runs, name, 99), target,
                p(runs, name, 50) / baseline));
    }

    private static double p(Map<String, RunResult> runs, String name, double percentile) {
        return runs.get(name).getPrimaryResult().getStatistics().getPercentile(percentile);
    }
}
