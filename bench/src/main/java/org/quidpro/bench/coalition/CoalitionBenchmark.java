package org.quidpro.bench.coalition;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.quidpro.coalition.formation.ByteRange;
import org.quidpro.coalition.formation.Candidate;
import org.quidpro.coalition.formation.CoalitionFormation;
import org.quidpro.coalition.formation.DownloadRequest;
import org.quidpro.coalition.formation.Plan;
import org.quidpro.coalition.game.Core;
import org.quidpro.coalition.game.DownloadGame;

/**
 * Forming a coalition with payoffs for a file with 10,000 holders (at most 16 members, the default, and
 * everyone: b_out large enough for progressive filling to cap nobody's share out), beside its floor in the
 * same run: sorting the holders by the preference order, which any rated choice of members has to do.
 * And the exact core check for n = 16 (all 65,535 coalitions) beside its floor: the incremental payoff sums
 * of every coalition without evaluating V.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class CoalitionBenchmark {

    @Param("10000")
    public int holders;

    static final int CORE_PLAYERS = 16;

    List<Candidate> candidates;
    DownloadRequest sixteen;
    DownloadRequest everyone;
    DownloadGame game;
    double[] payoffs;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        candidates = new ArrayList<>(holders);
        for (int i = 0; i < holders; i++) {
            // upload 16 KiB/s to 2 MiB/s, scores from a skewed distribution like relative ratings
            candidates.add(new Candidate("%040x".formatted(random.nextLong() & Long.MAX_VALUE),
                    random.nextLong(16_384, 2_097_152), Math.pow(random.nextDouble(), 3) * 4));
        }
        ByteRange file = new ByteRange(0, 4_700_000_000L - 1); // a DVD image
        sixteen = new DownloadRequest(file, 10_485_760, 0.8, Optional.empty(), 16);
        everyone = new DownloadRequest(file, 100_000_000_000L, 1.0, Optional.empty(), holders);
        long[] rates = random.longs(CORE_PLAYERS, 16_384, 2_097_152).toArray();
        game = new DownloadGame(4_700_000_000L, rates);
        payoffs = game.payoffs();
    }

    @Benchmark
    public Plan formSixteenOfTenThousand() {
        return CoalitionFormation.form(sixteen, candidates);
    }

    @Benchmark
    public Plan formWithAllTenThousand() {
        return CoalitionFormation.form(everyone, candidates);
    }

    @Benchmark
    public List<Candidate> sortHoldersBaseline() {
        List<Candidate> sorted = new ArrayList<>(candidates);
        sorted.sort(Candidate.PREFERENCE);
        return sorted;
    }

    @Benchmark
    public boolean exactCoreCheckSixteen() {
        return Core.check(game, payoffs, 1e-9).isEmpty();
    }

    @Benchmark
    public void coalitionSumsBaseline(Blackhole sink) {
        int size = 1 << CORE_PLAYERS;
        double[] paid = new double[size];
        for (int s = 1; s < size; s++) {
            paid[s] = paid[s & (s - 1)] + payoffs[Integer.numberOfTrailingZeros(s)];
        }
        sink.consume(paid);
    }

}
