package org.quidpro.rating.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How a community's scores were spread in one snapshot.
 *
 * @param at the snapshot's time (the latest at or before the instant asked for)
 * @param percentiles score at each percentile (keys p10, p25, p50, p75, p90, p99), interpolated
 * @param histogram equal-width buckets from min to max; the last bucket includes max
 */
public record ScoreDistribution(String community, Instant at, long peers, double min, double max, double mean,
        Map<String, Double> percentiles, List<Bucket> histogram) {

    /** Peers whose score is in [from, to) (the last bucket: [from, to]). */
    public record Bucket(double from, double to, long peers) {}

    public static final double[] PERCENTILES = {0.10, 0.25, 0.50, 0.75, 0.90, 0.99};
}
