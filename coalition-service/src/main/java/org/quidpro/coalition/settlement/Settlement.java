package org.quidpro.coalition.settlement;

import java.util.ArrayList;
import java.util.List;
import org.quidpro.coalition.formation.ByteRange;
import org.quidpro.coalition.game.DownloadGame;

/**
 * What a coalition's members actually earned once the receipts are in. A member delivered when the
 * requester's receipts for the file from it add up to at least its part. If everyone delivered, the
 * planned payoffs stand. Otherwise the game is played again among those who delivered, with their
 * granted rates, and eq. 5 divides its value: a member that did not deliver gets nothing, and the others
 * are paid for the coalition that really ran, not the one that was planned. If p_0 itself failed, the
 * fastest member that delivered takes its place as the reference uploader (the game needs one). The parts
 * nobody delivered are listed so the requester can form a new coalition for just those bytes, without
 * the peers that failed it.
 */
public final class Settlement {

    /** One member as planned, and the bytes its receipts show. */
    public record Delivery(String peerId, long rateBytesPerSecond, ByteRange bytes, double plannedPayoffSeconds,
            long receivedBytes) {

        public boolean delivered() {
            return receivedBytes >= bytes.length();
        }
    }

    /** Realised payoff per member, in plan order. */
    public record Outcome(boolean complete, double[] payoffSeconds, double valueSeconds, List<ByteRange> undelivered) {}

    private Settlement() {}

    public static Outcome settle(long fileBytes, List<Delivery> members) {
        if (members.stream().allMatch(Delivery::delivered)) {
            double[] planned = members.stream().mapToDouble(Delivery::plannedPayoffSeconds).toArray();
            return new Outcome(true, planned, java.util.Arrays.stream(planned).sum(), List.of());
        }
        List<Integer> delivered = new ArrayList<>();
        List<ByteRange> undelivered = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).delivered()) {
                delivered.add(i);
            } else {
                undelivered.add(members.get(i).bytes());
            }
        }
        double[] payoffs = new double[members.size()];
        if (delivered.isEmpty()) {
            return new Outcome(false, payoffs, 0, undelivered);
        }
        int reference = delivered.getFirst() == 0 ? 0 : delivered.stream()
                .max(java.util.Comparator.comparingLong((Integer i) -> members.get(i).rateBytesPerSecond())
                        .thenComparing(i -> -i))
                .orElseThrow();
        List<Integer> order = new ArrayList<>(List.of(reference));
        delivered.stream().filter(i -> i != reference).forEach(order::add);
        long[] rates = order.stream().mapToLong(i -> members.get(i).rateBytesPerSecond()).toArray();
        DownloadGame game = new DownloadGame(fileBytes, rates);
        double[] x = game.payoffs();
        for (int k = 0; k < order.size(); k++) {
            payoffs[order.get(k)] = x[k];
        }
        return new Outcome(false, payoffs, game.grandValue(), undelivered);
    }
}
