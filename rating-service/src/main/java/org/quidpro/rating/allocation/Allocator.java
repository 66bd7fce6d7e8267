package org.quidpro.rating.allocation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whom a provider serves, in which order, at what rate: a proportional share by score (PropShare, weighted
 * by the requester's standing in the community rather than by what it gave this one provider), capped by
 * each requester's declared download bandwidth with the surplus handed on (water-filling), a newcomer
 * share, and a free-rider floor. Rates never add up to more than the capacity, and none exceeds its cap.
 */
public final class Allocator {

    private Allocator() {}

    public static List<Grant> allocate(long capacityBytesPerSecond, List<Requester> requesters, AllocationPolicy policy) {
        if (capacityBytesPerSecond < 0) {
            throw new IllegalArgumentException("capacity is not negative");
        }
        List<Requester> newcomers = new ArrayList<>();
        List<Requester> eligible = new ArrayList<>();
        List<Requester> belowFloor = new ArrayList<>();
        for (Requester r : requesters) {
            if (r.newcomer()) {
                newcomers.add(r);
            } else if (r.score() < policy.freeRiderFloor()) {
                belowFloor.add(r);
            } else {
                eligible.add(r);
            }
        }
        Map<String, Long> rates = new LinkedHashMap<>();
        Map<String, String> rules = new LinkedHashMap<>();
        long newcomerPool = newcomers.isEmpty() ? 0 : (long) Math.floor(capacityBytesPerSecond * policy.newcomerShare());
        long left = capacityBytesPerSecond - newcomerPool;

        // Newcomers share their pool equally (capped); what they cannot use goes to everyone else.
        long usedByNewcomers = fill(newcomerPool, newcomers, r -> 1.0, rates, rules,
                "newcomer share: %.0f%% of capacity split equally among %d newcomer(s)".formatted(
                        policy.newcomerShare() * 100, newcomers.size()));
        left += newcomerPool - usedByNewcomers;

        // The proportional share by score among those at or above the floor.
        String byScore = "proportional share by score among %d requester(s) at or above the floor %s".formatted(
                eligible.size(), policy.freeRiderFloor());
        long usedByScore = fill(left, eligible, Requester::score, rates, rules, byScore);
        left -= usedByScore;

        // A fresh identity never out-earns a cooperator: newcomers are held to the lowest rate the score gave a
        // requester its own download did not cap, and the excess goes back to those by score.
        long lowest = eligible.stream().filter(r -> rates.getOrDefault(r.peerId(), 0L) < r.downloadBytesPerSecond())
                .mapToLong(r -> rates.getOrDefault(r.peerId(), 0L)).min().orElse(Long.MAX_VALUE);
        long excess = 0;
        for (Requester r : newcomers) {
            long rate = rates.getOrDefault(r.peerId(), 0L);
            if (rate > lowest) {
                excess += rate - lowest;
                rates.put(r.peerId(), lowest);
                rules.computeIfPresent(r.peerId(), (peer, rule) -> rule
                        + "; held to " + lowest + " B/s, the lowest rate a rated requester earns by its score");
            }
        }
        if (excess > 0) {
            left += excess;
            left -= fill(left, eligible, Requester::score, rates, rules, byScore);
        }

        // Capacity nobody above could use: newcomers first (beyond their share), then the queue.
        boolean everyEligibleCapped = eligible.stream()
                .allMatch(r -> rates.getOrDefault(r.peerId(), 0L) >= r.downloadBytesPerSecond());
        if (left > 0 && !newcomers.isEmpty() && everyEligibleCapped) {
            left -= topUp(left, newcomers, rates, rules);
        }
        if (policy.belowFloor() == AllocationPolicy.BelowFloor.QUEUE && !belowFloor.isEmpty()) {
            long queued = fill(left, belowFloor, r -> 1.0, rates, rules,
                    "below the free-rider floor %s: queued, served only with capacity nobody else could use".formatted(
                            policy.freeRiderFloor()));
            left -= queued;
        }
        return rank(requesters, belowFloor, policy, rates, rules);
    }

    /**
     * Water-filling: shares in proportion to weight, each capped at its declared bandwidth, the surplus of
     * capped ones redistributed among the others, until the pool is used or everyone is capped.
     * Returns how much of the pool was given.
     */
    private static long fill(long pool, List<Requester> group, java.util.function.ToDoubleFunction<Requester> weight,
            Map<String, Long> rates, Map<String, String> rules, String rule) {
        List<Requester> open = new ArrayList<>(group);
        long remaining = pool;
        while (remaining > 0 && !open.isEmpty()) {
            double total = open.stream().mapToDouble(weight).sum();
            boolean equal = total <= 0;
            List<Requester> capped = new ArrayList<>();
            long given = 0;
            Map<String, Long> round = new LinkedHashMap<>();
            for (Requester r : open) {
                double part = equal ? 1.0 / open.size() : weight.applyAsDouble(r) / total;
                long share = (long) Math.floor(remaining * part);
                long room = r.downloadBytesPerSecond() - rates.getOrDefault(r.peerId(), 0L);
                if (share >= room) {
                    share = room;
                    capped.add(r);
                }
                round.put(r.peerId(), share);
                given += share;
            }
            round.forEach((peer, share) -> rates.merge(peer, share, Long::sum));
            for (Requester r : open) {
                rules.putIfAbsent(r.peerId(), rule);
            }
            for (Requester r : capped) {
                rules.put(r.peerId(), rule + "; capped at its declared download of " + r.downloadBytesPerSecond()
                        + " B/s, the surplus handed on");
            }
            remaining -= given;
            open.removeAll(capped);
            if (capped.isEmpty()) {
                break; // everyone took a floor()ed share: the few bytes left are rounding
            }
        }
        return pool - remaining;
    }

    private static long topUp(long pool, List<Requester> newcomers, Map<String, Long> rates, Map<String, String> rules) {
        Map<String, Long> before = new LinkedHashMap<>(rates);
        long used = fill(pool, newcomers, r -> 1.0, rates, new LinkedHashMap<>(), "");
        for (Requester r : newcomers) {
            if (rates.getOrDefault(r.peerId(), 0L) > before.getOrDefault(r.peerId(), 0L)) {
                rules.computeIfPresent(r.peerId(), (peer, rule) -> rule + "; topped up with capacity nobody else could use");
            }
        }
        return used;
    }

    private static List<Grant> rank(List<Requester> requesters, List<Requester> belowFloor, AllocationPolicy policy,
            Map<String, Long> rates, Map<String, String> rules) {
        List<Grant> grants = new ArrayList<>();
        for (Requester r : requesters) {
            long rate = rates.getOrDefault(r.peerId(), 0L);
            Grant.Decision decision;
            String rule;
            if (belowFloor.contains(r)) {
                decision = policy.belowFloor() == AllocationPolicy.BelowFloor.REFUSE ? Grant.Decision.REFUSE
                        : Grant.Decision.QUEUE;
                rule = decision == Grant.Decision.REFUSE
                        ? "refused: score %s is below the free-rider floor %s".formatted(r.score(), policy.freeRiderFloor())
                        : rules.getOrDefault(r.peerId(), "below the free-rider floor: queued, no spare capacity now");
            } else {
                decision = Grant.Decision.SERVE;
                rule = rules.getOrDefault(r.peerId(), "no capacity left");
            }
            grants.add(new Grant(r.peerId(), 0, rate, decision, r.score(), "score %s: %s".formatted(r.score(), rule)));
        }
        List<Grant> ordered = grants.stream()
                .sorted(Comparator.comparing((Grant g) -> g.decision().ordinal())
                        .thenComparing(Comparator.comparingLong(Grant::bytesPerSecond).reversed())
                        .thenComparing(Comparator.comparingDouble(Grant::score).reversed())
                        .thenComparing(Grant::peerId))
                .toList();
        List<Grant> ranked = new ArrayList<>();
        int rank = 1;
        for (Grant g : ordered) {
            ranked.add(new Grant(g.peerId(), g.decision() == Grant.Decision.REFUSE ? 0 : rank++, g.bytesPerSecond(),
                    g.decision(), g.score(), g.rule()));
        }
        return ranked;
    }
}
