package org.quidpro.simulator.community;

import java.util.List;
import java.util.Map;

/**
 * What one round produced: every request, every peer's relative score at its end (by peer number; absent
 * when the rating service has none yet), and the fake receipts colluders got accepted.
 */
public record Round(int number, List<Request> requests, Map<Integer, Double> ratings, int fakeReceipts) {
    public Round {
        requests = List.copyOf(requests);
        ratings = Map.copyOf(ratings);
    }
}
