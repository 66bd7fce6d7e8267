package org.quidpro.rating.score;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.quidpro.rating.community.RatingSettings;
import org.quidpro.rating.eigentrust.EigenTrust;
import org.quidpro.rating.eigentrust.TrustGraph;
import org.quidpro.rating.ratio.RatioCredit;
import org.quidpro.rating.responsiveness.Utility;

/**
 * One recompute of a community's scores under its scheme. {@code relative} puts every scheme on one
 * scale (1 = the community's average peer), which allocation floors and newcomer rules compare against.
 * A newcomer (nothing provided or consumed yet) stands at the community's newcomer score, but never above
 * a peer that has provided anything: a fresh identity cannot out-rank a contributor.
 */
public final class Scoring {

    /** s_ij, already decayed to the recompute's instant. */
    public record Edge(String truster, String trustee, double value) {}

    /** What a peer provided and consumed in the community. */
    public record Volume(String peer, long provided, long consumed) {}

    /** A peer's new score, ranked by relative score. */
    public record Scored(String peer, double score, double relative, int rank, boolean newcomer) {}

    private Scoring() {}

    public static List<Scored> score(RatingSettings settings, List<String> members, List<Edge> trust,
            List<Volume> volumes, Map<String, Double> previous) {
        return score(settings, members, trust, volumes, previous, Map.of());
    }

    /** @param utilities the coalition mechanism's Up, Dp and Fs per peer (the responsiveness scheme's input) */
    public static List<Scored> score(RatingSettings settings, List<String> members, List<Edge> trust,
            List<Volume> volumes, Map<String, Double> previous, Map<String, Utility> utilities) {
        TreeSet<String> peers = new TreeSet<>(members);
        trust.forEach(e -> {
            peers.add(e.truster());
            peers.add(e.trustee());
        });
        volumes.forEach(v -> peers.add(v.peer()));
        peers.addAll(utilities.keySet());
        List<String> order = new ArrayList<>(peers);
        if (order.isEmpty() || "none".equals(settings.scheme())) {
            return List.of();
        }
        double[] scores = switch (settings.scheme()) {
            case "ratio" -> ratio(settings, order, volumes);
            case "responsiveness" -> responsiveness(settings, order, utilities);
            default -> eigenTrust(settings, order, trust, previous);
        };
        double mean = java.util.Arrays.stream(scores).average().orElse(0);
        Map<String, Volume> byPeer = new HashMap<>();
        volumes.forEach(v -> byPeer.put(v.peer(), v));
        boolean[] newcomer = new boolean[order.size()];
        double[] relative = new double[order.size()];
        double lowestContributor = Double.POSITIVE_INFINITY;
        for (int i = 0; i < order.size(); i++) {
            Volume v = byPeer.get(order.get(i));
            Utility u = utilities.getOrDefault(order.get(i), Utility.NONE);
            // Served in or asked for a coalition: not new, whatever the receipts say so far.
            newcomer[i] = (v == null || (v.provided() == 0 && v.consumed() == 0))
                    && u.earnedSeconds() == 0 && u.consumedSeconds() == 0;
            relative[i] = mean > 0 ? scores[i] / mean : 0;
            if ((v != null && v.provided() > 0) || u.earnedSeconds() > 0) {
                lowestContributor = Math.min(lowestContributor, relative[i]);
            }
        }
        double starting = Math.min(settings.newcomerScore(), lowestContributor);
        for (int i = 0; i < order.size(); i++) {
            if (newcomer[i]) {
                relative[i] = starting;
            }
        }
        List<Integer> ranking = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            ranking.add(i);
        }
        ranking.sort(Comparator.comparingDouble((Integer i) -> -relative[i]).thenComparing(order::get));
        List<Scored> scored = new ArrayList<>(order.size());
        int rank = 1;
        for (int i : ranking) {
            scored.add(new Scored(order.get(i), scores[i], relative[i], rank++, newcomer[i]));
        }
        return scored;
    }

    private static double[] eigenTrust(RatingSettings settings, List<String> order, List<Edge> trust,
            Map<String, Double> previous) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            index.put(order.get(i), i);
        }
        TrustGraph.Builder graph = TrustGraph.builder(order.size());
        trust.forEach(e -> graph.add(index.get(e.truster()), index.get(e.trustee()), e.value()));
        int[] preTrusted = settings.preTrusted().stream().filter(index::containsKey).mapToInt(index::get).toArray();
        double[] start = order.stream().mapToDouble(peer -> previous.getOrDefault(peer, 0.0)).toArray();
        return new EigenTrust(settings.damping(), 1e-10, 1_000)
                .compute(graph.build(), EigenTrust.preTrust(order.size(), preTrusted), start).trust();
    }

    private static double[] ratio(RatingSettings settings, List<String> order, List<Volume> volumes) {
        RatioCredit credit = new RatioCredit(settings.minimumVolume(), settings.step());
        Map<String, Volume> byPeer = new HashMap<>();
        volumes.forEach(v -> byPeer.put(v.peer(), v));
        return order.stream().mapToDouble(peer -> {
            Volume v = byPeer.getOrDefault(peer, new Volume(peer, 0, 0));
            return credit.modifier(v.provided(), v.consumed());
        }).toArray();
    }

    /**
     * Rb_i (eqs. 8-10) gates, earned utility ranks: score_i = Rb_i * (1 + Up_i / mean Up of the peers that
     * earned any). A free-rider (Rb = 0) scores 0, a peer nobody has asked yet 1, and a coalition member rises
     * with what it earned relative to the community's typical earner, so the scale does not depend on file
     * sizes or bandwidths. Rb alone cannot rank: it is 1 for every peer that has given at least as much as
     * it took.
     */
    private static double[] responsiveness(RatingSettings settings, List<String> order, Map<String, Utility> utilities) {
        double meanEarned = utilities.values().stream().mapToDouble(Utility::earnedSeconds).filter(e -> e > 0)
                .average().orElse(1.0);
        return order.stream().mapToDouble(peer -> {
            Utility u = utilities.getOrDefault(peer, Utility.NONE);
            return settings.responsivenessBonus(u.earnedSeconds(), u.consumedSeconds(), u.filesShared())
                    * (1 + u.earnedSeconds() / meanEarned);
        }).toArray();
    }
}
