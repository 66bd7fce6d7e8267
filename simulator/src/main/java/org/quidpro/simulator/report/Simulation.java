package org.quidpro.simulator.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.quidpro.simulator.community.Request;
import org.quidpro.simulator.community.Round;
import org.quidpro.simulator.scenario.Scenario;

/**
 * A finished run: the scenario, the community it lived in, every round, and figures by class (cohort
 * label) over the rounds after the warm-up.
 *
 * @param classes peer number → its class label, in the scenario's order
 */
public record Simulation(Scenario scenario, String community, Map<Integer, String> classes, List<Round> rounds,
        Duration elapsed, long calls, long waits, int lateRounds) {

    /** The figures of one class over the measured rounds. */
    /**
     * @param bandwidth what a peer of the class received per simulated second over the measured rounds
     *     (bytes received / peers / measured time): the paper's downloaded bytes, as a rate
     * @param coalitionBandwidth mean rate of the class's complete coalition downloads
     * @param singleBandwidth mean rate of its complete single-source downloads
     */
    public record ClassFigures(String label, int peers, int requests, int served, int complete, long bytesReceived,
            double shareOfBytes, double meanSeconds, double bandwidth, double coalitionBandwidth,
            double singleBandwidth, double ratingP10, double ratingP50, double ratingP90, double satisfiedShare) {

        public double servedShare() {
            return requests == 0 ? Double.NaN : (double) served / requests;
        }
    }

    public List<String> labels() {
        return classes.values().stream().distinct().toList();
    }

    /** Requests of the measured rounds (after the warm-up). */
    public List<Request> measured() {
        List<Request> all = new ArrayList<>();
        rounds.stream().filter(r -> r.number() >= scenario.warmupRounds()).forEach(r -> all.addAll(r.requests()));
        return all;
    }

    /** Simulated time of the measured rounds. */
    public double measuredSeconds() {
        return (double) (rounds.size() - scenario.warmupRounds()) * scenario.roundSeconds();
    }

    public Map<String, ClassFigures> figures() {
        Map<String, ClassFigures> figures = new LinkedHashMap<>();
        List<Request> measured = measured();
        long allBytes = measured.stream().mapToLong(Request::received).sum();
        Round last = rounds.getLast();
        for (String label : labels()) {
            List<Request> mine = measured.stream().filter(r -> r.label().equals(label)).toList();
            List<Double> ratings = classes.entrySet().stream().filter(e -> e.getValue().equals(label))
                    .map(e -> last.ratings().get(e.getKey())).filter(java.util.Objects::nonNull).sorted().toList();
            long received = mine.stream().mapToLong(Request::received).sum();
            int peers = (int) classes.values().stream().filter(label::equals).count();
            long satisfied = mine.stream().filter(r -> Boolean.TRUE.equals(r.satisfied())).count();
            long judged = mine.stream().filter(r -> r.satisfied() != null).count();
            figures.put(label, new ClassFigures(label, peers, mine.size(),
                    (int) mine.stream().filter(r -> r.received() > 0).count(),
                    (int) mine.stream().filter(Request::complete).count(),
                    received, allBytes == 0 ? Double.NaN : (double) received / allBytes,
                    mean(mine, Request::complete, Request::seconds),
                    (double) received / peers / measuredSeconds(),
                    bandwidth(mine, r -> r.mode() == Request.Mode.COALITION),
                    bandwidth(mine, r -> r.mode() == Request.Mode.SINGLE_SOURCE),
                    percentile(ratings, 0.10), percentile(ratings, 0.50), percentile(ratings, 0.90),
                    judged == 0 ? Double.NaN : (double) satisfied / judged));
        }
        return figures;
    }

    /**
     * The download bandwidth a peer saw: the mean over the complete downloads that match of each one's bytes
     * over its simulated time (per download, as a user experiences it, not weighted by duration).
     */
    public static double bandwidth(List<Request> requests, Predicate<Request> which) {
        return mean(requests, r -> r.complete() && r.seconds() > 0 && which.test(r), Request::rate);
    }

    public static double mean(List<Request> requests, Predicate<Request> which, ToDoubleFunction<Request> value) {
        return requests.stream().filter(which).mapToDouble(value).filter(v -> !Double.isNaN(v)).average()
                .orElse(Double.NaN);
    }

    /** Nearest-rank percentile of sorted values; NaN when there are none. */
    public static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.clamp(rank - 1, 0, sorted.size() - 1));
    }
}
