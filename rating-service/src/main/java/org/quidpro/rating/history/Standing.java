package org.quidpro.rating.history;

import java.time.Instant;

/** A peer's place in one snapshot of its community. */
public record Standing(String peerId, String scheme, double score, double relativeScore, int rank, boolean newcomer,
        Instant computedAt) {}
