package org.quidpro.rating.history;

import java.time.Instant;

/**
 * One point of a peer's rating series: a single snapshot (raw series: min = max = last, one sample), or a
 * bucket of snapshots starting at {@code at} (downsampled series).
 */
public record SeriesPoint(Instant at, double minScore, double maxScore, double lastScore, double lastRelativeScore,
        int lastRank, long samples) {}
