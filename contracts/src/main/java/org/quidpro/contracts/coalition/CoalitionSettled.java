package org.quidpro.contracts.coalition;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.quidpro.contracts.IntegrationEvent;

/**
 * A coalition's outcome: every member's part arrived ({@code COMPLETE}), or the coalition expired with
 * some parts missing ({@code EXPIRED}). Payoffs are the realised ones: nothing for a member that did not
 * deliver, eq. 5 over the members that did. The requester consumed {@code valueSeconds} of utility, the
 * members earned their payoffs (the coalition paper's Dp and Up).
 *
 * @param valueSeconds the realised value, the sum of the payoffs
 */
public record CoalitionSettled(
        UUID eventId, Instant occurredAt, UUID coalitionId, String community, String requester, String contentHash,
        Outcome outcome, double valueSeconds, List<Member> members) implements IntegrationEvent {

    public enum Outcome { COMPLETE, EXPIRED }

    public record Member(String peerId, boolean delivered, long receivedBytes, double payoffSeconds) {}

    public CoalitionSettled {
        members = List.copyOf(members);
    }

    @Override
    public String key() {
        return coalitionId.toString();
    }
}
