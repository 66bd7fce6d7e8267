package org.quidpro.rating.allocation;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Picks k providers for a requester (a telemedicine consultant, a WLAN domain): at random with
 * probability proportional to score, without replacement, among the available ones. Sampling rather
 * than always taking the top k spreads the load, as EigenTrust proposes, while better-rated providers
 * are still chosen more often.
 */
public final class ProviderPicker {

    /** A provider that could be picked. */
    public record Candidate(String peerId, double score, boolean available) {
        public Candidate {
            if (!(score >= 0) || Double.isInfinite(score)) {
                throw new IllegalArgumentException("a score is finite and not negative");
            }
        }
    }

    private ProviderPicker() {}

    /** Up to {@code k} distinct available candidates; all zero scores sample uniformly. */
    public static List<Candidate> pick(List<Candidate> candidates, int k, RandomGenerator random) {
        if (k < 1) {
            throw new IllegalArgumentException("pick at least one");
        }
        List<Candidate> pool = new ArrayList<>(candidates.stream().filter(Candidate::available).toList());
        List<Candidate> picked = new ArrayList<>();
        while (picked.size() < k && !pool.isEmpty()) {
            double total = pool.stream().mapToDouble(Candidate::score).sum();
            int chosen = pool.size() - 1;
            if (total <= 0) {
                chosen = random.nextInt(pool.size());
            } else {
                double target = random.nextDouble() * total;
                for (int i = 0; i < pool.size(); i++) {
                    target -= pool.get(i).score();
                    if (target < 0) {
                        chosen = i;
                        break;
                    }
                }
            }
            picked.add(pool.remove(chosen));
        }
        return picked;
    }
}
