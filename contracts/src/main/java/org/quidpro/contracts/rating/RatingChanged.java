package org.quidpro.contracts.rating;

import java.time.Instant;
import java.util.UUID;
import org.quidpro.contracts.IntegrationEvent;

/**
 * A peer's score moved by more than the rating service's threshold at a recompute. Latest per community
 * and peer on a compacted topic, so a consumer can rebuild every current score from it.
 *
 * @param scheme the community's rating scheme: eigentrust, ratio or responsiveness
 * @param score the scheme's own value (EigenTrust: a share of 1; ratio: 1 to 10; responsiveness: 0 to 1)
 * @param relativeScore the score against the community's average peer (1 = average), comparable across schemes
 * @param rank 1 for the best-rated member
 */
public record RatingChanged(
        UUID eventId, Instant occurredAt, String community, String peerId, String scheme, double score,
        double relativeScore, int rank) implements IntegrationEvent {

    @Override
    public String key() {
        return community + "/" + peerId;
    }
}
