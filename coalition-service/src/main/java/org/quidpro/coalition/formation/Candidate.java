package org.quidpro.coalition.formation;

import java.util.Comparator;

/**
 * A holder of the file that could join the coalition: its advertised upload bandwidth for the file (b_in)
 * and its standing in the community (the index's copy of its relative rating; under the responsiveness
 * scheme, its responsiveness).
 */
public record Candidate(String peerId, long uploadBytesPerSecond, double score) {

    /**
     * Who is asked first: the better-rated, then the faster, then by peer id. Rating first because the
     * payoff a member earns is the incentive the mechanism pays out: it goes to the peers who have been
     * responsive, not to whoever advertises most (advertised bandwidth is cheap to inflate; a rating is
     * not). Bandwidth second: among equals, fewer and faster members reach b_out sooner.
     */
    public static final Comparator<Candidate> PREFERENCE = (a, b) -> {
        int byScore = Double.compare(b.score, a.score);
        if (byScore != 0) {
            return byScore;
        }
        int byBandwidth = Long.compare(b.uploadBytesPerSecond, a.uploadBytesPerSecond);
        return byBandwidth != 0 ? byBandwidth : a.peerId.compareTo(b.peerId);
    };
}
