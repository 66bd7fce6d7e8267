package org.quidpro.bench.rating;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.quidpro.rating.allocation.AllocationPolicy;
import org.quidpro.rating.allocation.Allocator;
import org.quidpro.rating.allocation.Grant;
import org.quidpro.rating.allocation.Requester;

/**
 * One allocation decision for 50 requesters (a mix of rated peers, newcomers and free-riders, some capped
 * by their download), sampled for percentiles, beside the decision of BitTorrent's choker in the same run
 * (sort the requesters by score, unchoke the best four plus one at random, each at an equal share): the
 * field's reference decision, which answers less (no rates by score, no caps, no explanation).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class AllocationBenchmark {

    static final int REQUESTERS = 50;
    final AllocationPolicy policy = new AllocationPolicy(0.1, 0.05, AllocationPolicy.BelowFloor.QUEUE);
    List<Requester> requesters;

    @Setup
    public void requesters() {
        SplittableRandom random = new SplittableRandom(7);
        requesters = new ArrayList<>();
        for (int i = 0; i < REQUESTERS; i++) {
            boolean newcomer = random.nextInt(10) == 0;
            double score = random.nextInt(5) == 0 ? random.nextDouble() * 0.05 : random.nextDouble() * 3;
            requesters.add(new Requester("%040x".formatted(i), newcomer ? 0 : score, 50_000 + random.nextInt(2_000_000),
                    newcomer));
        }
    }

    @Benchmark
    public List<Grant> allocationDecision() {
        return Allocator.allocate(10_000_000, requesters, policy);
    }

    @Benchmark
    public List<Requester> chokerBaseline() {
        List<Requester> sorted = new ArrayList<>(requesters);
        sorted.sort(java.util.Comparator.comparingDouble(Requester::score).reversed());
        List<Requester> unchoked = new ArrayList<>(sorted.subList(0, 4));
        unchoked.add(sorted.get(4 + java.util.concurrent.ThreadLocalRandom.current().nextInt(sorted.size() - 4)));
        return unchoked;
    }
}
