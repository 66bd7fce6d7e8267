package org.quidpro.coalition.formation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.quidpro.coalition.game.DownloadGame;

/**
 * Forms the coalition for one download as the paper's p_0 does (eqs. 1-7): choose p_0 and the helpers,
 * share the requester's usable bandwidth among them by progressive filling, cut the range into
 * consecutive parts in proportion to the granted rates, and divide the time saved by eq. 5 computed with
 * those granted rates (with the advertised ones the parts would add up to more than the file).
 *
 * <p>Plain Java, linear in the candidates apart from one sort: {@code bench/} forms coalitions over 10,000
 * holders.
 */
public final class CoalitionFormation {

    private CoalitionFormation() {}

    /**
     * @param candidates the file's holders, the requester left out; any order
     * @throws FormationRefused when no plan can be made (no holder with bandwidth, p_0 not a holder, or a
     *         b_out that any single holder fills on its own)
     */
    public static Plan form(DownloadRequest request, List<Candidate> candidates) {
        List<Candidate> able = new ArrayList<>(candidates.size());
        long slowest = Long.MAX_VALUE;
        for (Candidate c : candidates) {
            if (c.uploadBytesPerSecond() > 0) {
                able.add(c);
                slowest = Math.min(slowest, c.uploadBytesPerSecond());
            }
        }
        if (able.isEmpty()) {
            throw new FormationRefused(FormationRefused.Reason.NO_HOLDERS, "no holder of the file uploads to anyone");
        }
        if (request.downloadBytesPerSecond() < slowest) {
            throw new FormationRefused(FormationRefused.Reason.BANDWIDTH_BELOW_EVERY_HOLDER, "downloadBytesPerSecond "
                    + request.downloadBytesPerSecond() + " is below every holder's upload bandwidth (the slowest sends "
                    + slowest + "): any single holder fills it, so a coalition cannot be faster; download from one");
        }
        // Only the best maxMembers (+1, in case p_0 is among them) need ordering: a partial sort.
        List<Candidate> preferred = best(able, Math.min(able.size(), request.maxMembers() + 1));
        Candidate uploader = request.initialUploader()
                .map(id -> able.stream().filter(c -> c.peerId().equals(id)).findFirst().orElseThrow(() ->
                        new FormationRefused(FormationRefused.Reason.UPLOADER_NOT_A_HOLDER,
                                "initialUploader " + id + " does not hold the file (or uploads nothing)")))
                .orElse(preferred.getFirst());
        long usable = request.usableBytesPerSecond();
        if (usable == 0) {
            return singleSource(request, uploader);
        }
        List<Candidate> members = new ArrayList<>(Math.min(able.size(), request.maxMembers()));
        members.add(uploader);
        for (Candidate c : preferred) {
            if (members.size() >= request.maxMembers()) {
                break;
            }
            if (c != uploader) {
                members.add(c);
            }
        }
        long fileBytes = request.range().length();
        while (true) {
            long[] rates = ProgressiveFilling.share(usable,
                    members.stream().mapToLong(Candidate::uploadBytesPerSecond).toArray());
            long[] bytes = proportionalParts(fileBytes, rates);
            // A member granted nothing, or too little to carry a single byte, leaves (the last such first) and
            // the rest are shared out again. p_0 comes first in every tie, so it always stays.
            int idle = IntStream.range(1, members.size()).map(i -> members.size() - i)
                    .filter(i -> rates[i] == 0 || bytes[i] == 0).findFirst().orElse(-1);
            if (idle > 0) {
                members.remove(idle);
                continue;
            }
            return coalition(request, members, rates, bytes);
        }
    }

    /** The {@code k} most preferred, in preference order: a bounded heap when k is small, else a full sort. */
    static List<Candidate> best(List<Candidate> candidates, int k) {
        if (k * 8L >= candidates.size()) {
            List<Candidate> sorted = new ArrayList<>(candidates);
            sorted.sort(Candidate.PREFERENCE);
            return sorted.subList(0, k);
        }
        java.util.PriorityQueue<Candidate> worstFirst = new java.util.PriorityQueue<>(k + 1,
                Candidate.PREFERENCE.reversed());
        for (Candidate c : candidates) {
            if (worstFirst.size() < k) {
                worstFirst.add(c);
            } else if (Candidate.PREFERENCE.compare(c, worstFirst.peek()) < 0) {
                worstFirst.poll();
                worstFirst.add(c);
            }
        }
        List<Candidate> best = new ArrayList<>(worstFirst);
        best.sort(Candidate.PREFERENCE);
        return best;
    }

    private static Plan coalition(DownloadRequest request, List<Candidate> members, long[] rates, long[] bytes) {
        DownloadGame game = new DownloadGame(request.range().length(), rates);
        double[] payoffs = game.payoffs();
        List<Member> planned = new ArrayList<>(members.size());
        long next = request.range().first();
        for (int i = 0; i < members.size(); i++) {
            Candidate c = members.get(i);
            planned.add(new Member(c.peerId(), i == 0 ? Member.Role.INITIAL_UPLOADER : Member.Role.HELPER,
                    c.uploadBytesPerSecond(), rates[i], new ByteRange(next, next + bytes[i] - 1), payoffs[i]));
            next += bytes[i];
        }
        return new Plan(Plan.Kind.COALITION, request.range(), request.downloadBytesPerSecond(), request.bonus(),
                request.usableBytesPerSecond(), planned, game.soloSeconds(), game.coalitionSeconds(), game.grandValue());
    }

    /**
     * Rb = 0: the requester has consumed and never given back, so no coalition works for it; it may still
     * fetch the file from p_0 alone, at what p_0 and its own b_out allow, as in a system without the
     * mechanism. Nobody helps, so there is no value to divide.
     */
    private static Plan singleSource(DownloadRequest request, Candidate uploader) {
        long rate = Math.min(uploader.uploadBytesPerSecond(), request.downloadBytesPerSecond());
        double seconds = request.range().length() / (double) rate;
        return new Plan(Plan.Kind.SINGLE_SOURCE, request.range(), request.downloadBytesPerSecond(), request.bonus(), 0,
                List.of(new Member(uploader.peerId(), Member.Role.INITIAL_UPLOADER, uploader.uploadBytesPerSecond(), rate,
                        request.range(), 0)), seconds, seconds, 0);
    }

    /**
     * T split in proportion to the rates, exactly: each part is floor(T r_i / R) and the bytes left over go
     * one each to the parts with the largest remainders (ties to the earlier member).
     */
    static long[] proportionalParts(long total, long[] rates) {
        long sum = 0;
        for (long r : rates) {
            sum = Math.addExact(sum, r);
        }
        long[] parts = new long[rates.length];
        long[] remainders = new long[rates.length];
        long assigned = 0;
        for (int i = 0; i < rates.length; i++) {
            long high = Math.multiplyHigh(total, rates[i]);
            long product = total * rates[i];
            if (high == 0 && product >= 0) {
                parts[i] = product / sum;
                remainders[i] = product % sum;
            } else { // T * r_i beyond 2^63: exact in BigInteger
                BigInteger[] qr = BigInteger.valueOf(total).multiply(BigInteger.valueOf(rates[i]))
                        .divideAndRemainder(BigInteger.valueOf(sum));
                parts[i] = qr[0].longValueExact();
                remainders[i] = qr[1].longValueExact();
            }
            assigned += parts[i];
        }
        long left = total - assigned; // fewer than the number of members
        if (left > 0) {
            // The left-th largest remainder is the threshold: parts above it get a byte, then parts equal to it
            // in member order until none is left (primitive sort: members may number thousands).
            long[] sorted = remainders.clone();
            java.util.Arrays.sort(sorted);
            long threshold = sorted[sorted.length - (int) left];
            for (int i = 0; i < parts.length && left > 0; i++) {
                if (remainders[i] > threshold) {
                    parts[i]++;
                    left--;
                }
            }
            for (int i = 0; i < parts.length && left > 0; i++) {
                if (remainders[i] == threshold) {
                    parts[i]++;
                    left--;
                }
            }
        }
        return parts;
    }
}
