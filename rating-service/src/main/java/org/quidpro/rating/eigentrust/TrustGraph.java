package org.quidpro.rating.eigentrust;

import java.util.Arrays;

/**
 * A community's normalised local trust, c_ij = max(s_ij, 0) / sum_j max(s_ij, 0), stored transposed in
 * compressed sparse rows on primitive arrays: for every peer j, the peers i that trust it and c_ij. So one
 * EigenTrust iteration is a gather per peer, t'[j] = sum_i c_ij t[i], which splits across cores without
 * locks. Peers are dense indices 0..n-1; rows with no positive trust are "dangling" and fall back to the
 * pre-trust vector.
 *
 * <p>Memory: 4 bytes per peer plus 12 bytes per edge (an int and a double), so 10 million edges among
 * 1 million peers take about 124 MB.
 */
public final class TrustGraph {

    private final int peers;
    private final int[] inStart;
    private final int[] inSource;
    private final double[] inWeight;
    private final int[] dangling;

    private TrustGraph(int peers, int[] inStart, int[] inSource, double[] inWeight, int[] dangling) {
        this.peers = peers;
        this.inStart = inStart;
        this.inSource = inSource;
        this.inWeight = inWeight;
        this.dangling = dangling;
    }

    public int peers() {
        return peers;
    }

    public int edges() {
        return inSource.length;
    }

    /** Peers that trust nobody (their trust is handed on by the pre-trust vector). */
    public int[] dangling() {
        return dangling.clone();
    }

    /** sum_i c_ij t[i] over the peers i that trust peer j. */
    double gather(int j, double[] t) {
        double sum = 0;
        for (int k = inStart[j], end = inStart[j + 1]; k < end; k++) {
            sum += inWeight[k] * t[inSource[k]];
        }
        return sum;
    }

    double danglingMass(double[] t) {
        double mass = 0;
        for (int i : dangling) {
            mass += t[i];
        }
        return mass;
    }

    public static Builder builder(int peers) {
        return new Builder(peers);
    }

    /** Collects local trust values s_ij; repeated pairs add up, self-trust is ignored. */
    public static final class Builder {
        private final int peers;
        private int[] from = new int[16];
        private int[] to = new int[16];
        private double[] value = new double[16];
        private int size;

        private Builder(int peers) {
            if (peers < 1) {
                throw new IllegalArgumentException("a trust graph has at least one peer");
            }
            this.peers = peers;
        }

        /** Adds s_ij: how much peer {@code i} trusts peer {@code j} (negative for distrust). */
        public Builder add(int i, int j, double localTrust) {
            if (i < 0 || i >= peers || j < 0 || j >= peers) {
                throw new IndexOutOfBoundsException("peer index out of range: " + i + " -> " + j);
            }
            if (Double.isNaN(localTrust) || Double.isInfinite(localTrust)) {
                throw new IllegalArgumentException("local trust must be finite");
            }
            if (i == j) {
                return this;
            }
            if (size == from.length) {
                int capacity = from.length * 2;
                from = Arrays.copyOf(from, capacity);
                to = Arrays.copyOf(to, capacity);
                value = Arrays.copyOf(value, capacity);
            }
            from[size] = i;
            to[size] = j;
            value[size] = localTrust;
            size++;
            return this;
        }

        public TrustGraph build() {
            // 1. Rows by counting sort on i.
            int[] rowStart = new int[peers + 1];
            for (int e = 0; e < size; e++) {
                rowStart[from[e] + 1]++;
            }
            for (int i = 0; i < peers; i++) {
                rowStart[i + 1] += rowStart[i];
            }
            int[] column = new int[size];
            double[] raw = new double[size];
            int[] fill = Arrays.copyOf(rowStart, peers);
            for (int e = 0; e < size; e++) {
                int slot = fill[from[e]]++;
                column[slot] = to[e];
                raw[slot] = value[e];
            }
            // 2. Per row: add up repeated pairs (s_ij is their sum), keep max(s_ij, 0) > 0, normalise.
            int[] keptStart = new int[peers + 1];
            int[] keptColumn = new int[size];
            double[] kept = new double[size];
            int[] danglingPeers = new int[peers];
            int danglingCount = 0;
            int out = 0;
            for (int i = 0; i < peers; i++) {
                int start = rowStart[i];
                int end = rowStart[i + 1];
                sortRow(column, raw, start, end);
                int rowOut = out;
                double rowSum = 0;
                for (int k = start; k < end; ) {
                    int j = column[k];
                    double s = 0;
                    while (k < end && column[k] == j) {
                        s += raw[k++];
                    }
                    if (s > 0) {
                        keptColumn[out] = j;
                        kept[out] = s;
                        rowSum += s;
                        out++;
                    }
                }
                if (rowSum > 0) {
                    for (int k = rowOut; k < out; k++) {
                        kept[k] /= rowSum;
                    }
                } else {
                    danglingPeers[danglingCount++] = i;
                }
                keptStart[i + 1] = out;
            }
            // 3. Transpose by counting sort on j.
            int[] inStart = new int[peers + 1];
            for (int k = 0; k < out; k++) {
                inStart[keptColumn[k] + 1]++;
            }
            for (int j = 0; j < peers; j++) {
                inStart[j + 1] += inStart[j];
            }
            int[] inSource = new int[out];
            double[] inWeight = new double[out];
            int[] next = Arrays.copyOf(inStart, peers);
            for (int i = 0; i < peers; i++) {
                for (int k = keptStart[i]; k < keptStart[i + 1]; k++) {
                    int slot = next[keptColumn[k]]++;
                    inSource[slot] = i;
                    inWeight[slot] = kept[k];
                }
            }
            return new TrustGraph(peers, inStart, inSource, inWeight, Arrays.copyOf(danglingPeers, danglingCount));
        }

        /** Insertion sort of one row by column (rows are short); ties keep their values together. */
        private static void sortRow(int[] column, double[] raw, int start, int end) {
            if (end - start > 32) {
                Integer[] order = new Integer[end - start];
                for (int k = 0; k < order.length; k++) {
                    order[k] = start + k;
                }
                Arrays.sort(order, (a, b) -> Integer.compare(column[a], column[b]));
                int[] c = new int[order.length];
                double[] v = new double[order.length];
                for (int k = 0; k < order.length; k++) {
                    c[k] = column[order[k]];
                    v[k] = raw[order[k]];
                }
                System.arraycopy(c, 0, column, start, c.length);
                System.arraycopy(v, 0, raw, start, v.length);
                return;
            }
            for (int k = start + 1; k < end; k++) {
                int c = column[k];
                double v = raw[k];
                int m = k - 1;
                while (m >= start && column[m] > c) {
                    column[m + 1] = column[m];
                    raw[m + 1] = raw[m];
                    m--;
                }
                column[m + 1] = c;
                raw[m + 1] = v;
            }
        }
    }
}
