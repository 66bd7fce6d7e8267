package org.quidpro.contracts.coalition;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.quidpro.contracts.IntegrationEvent;

/**
 * A download coalition was planned (ICAART 2011, eqs. 1-7): who sends which bytes of the file to the
 * requester at what rate, and how the time saved is divided (eq. 5). Times and payoffs in seconds.
 *
 * @param firstByte the first byte of the range the coalition serves (inclusive)
 * @param lastByte its last byte (inclusive)
 * @param bonus the requester's responsiveness bonus Rb when it asked
 * @param settleBy when the coalition expires if its receipts have not all arrived
 */
public record CoalitionFormed(
        UUID eventId, Instant occurredAt, UUID coalitionId, String community, String requester, String contentHash,
        long firstByte, long lastByte, long downloadBytesPerSecond, double bonus, double soloSeconds,
        double coalitionSeconds, double valueSeconds, List<Member> members, Instant settleBy) implements IntegrationEvent {

    /** @param role INITIAL_UPLOADER or HELPER */
    public record Member(String peerId, String role, long rateBytesPerSecond, long firstByte, long lastByte,
            double payoffSeconds) {}

    public CoalitionFormed {
        members = List.copyOf(members);
    }

    @Override
    public String key() {
        return coalitionId.toString();
    }
}
