package org.quidpro.rating.allocation;

/**
 * A peer asking to be served.
 *
 * @param score its standing in the community's scheme, scaled so that 1 is an average peer
 * @param downloadBytesPerSecond the download bandwidth it declared: it is never given more
 * @param newcomer whether it has no history yet (it then draws on the newcomer share, not its score)
 */
public record Requester(String peerId, double score, long downloadBytesPerSecond, boolean newcomer) {

    public Requester {
        if (peerId == null || peerId.isBlank()) {
            throw new IllegalArgumentException("a requester has a peer id");
        }
        if (!(score >= 0) || Double.isInfinite(score)) {
            throw new IllegalArgumentException("a score is finite and not negative");
        }
        if (downloadBytesPerSecond <= 0) {
            throw new IllegalArgumentException("a requester declares a positive download bandwidth");
        }
    }
}
