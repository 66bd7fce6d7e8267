package org.quidpro.rating.eigentrust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class EigenTrustTest {

    final EigenTrust eigenTrust = new EigenTrust(0.15, 1e-13, 10_000);

    /** A random community: sparse local trust with distrust, repeated pairs and peers that trust nobody. */
    record Community(int peers, double[][] s, TrustGraph graph) {}

    static Community random(long seed, int peers, double density) {
        Random random = new Random(seed);
        double[][] s = new double[peers][peers];
        TrustGraph.Builder builder = TrustGraph.builder(peers);
        for (int i = 0; i < peers; i++) {
            if (random.nextInt(10) == 0) {
                continue; // trusts nobody: dangling
            }
            for (int j = 0; j < peers; j++) {
                if (i != j && random.nextDouble() < density) {
                    for (int repeat = 0; repeat < 1 + random.nextInt(3); repeat++) {
                        double value = random.nextDouble() * 10 - 2; // some distrust
                        s[i][j] += value;
                        builder.add(i, j, value);
                    }
                }
            }
        }
        return new Community(peers, s, builder.build());
    }

    /** EigenTrust written out densely from its definition, independent of the sparse code. */
    static double[] dense(double[][] s, double[] p, double a) {
        int n = p.length;
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            double rowSum = 0;
            for (int j = 0; j < n; j++) {
                rowSum += Math.max(s[i][j], 0);
            }
            for (int j = 0; j < n; j++) {
                c[i][j] = rowSum > 0 ? Math.max(s[i][j], 0) / rowSum : p[j];
            }
        }
        double[] t = p.clone();
        for (int iteration = 0; iteration < 100_000; iteration++) {
            double[] next = new double[n];
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += c[i][j] * t[i];
                }
                next[j] = (1 - a) * sum + a * p[j];
            }
            double change = 0;
            for (int j = 0; j < n; j++) {
                change += Math.abs(next[j] - t[j]);
            }
            t = next;
            if (change < 1e-15) {
                break;
            }
        }
        return t;
    }

    @RepeatedTest(5)
    void matchesADensePowerIterationOnRandomGraphs(RepetitionInfo repetition) {
        Community community = random(repetition.getCurrentRepetition(), 150 + 40 * repetition.getCurrentRepetition(), 0.04);
        double[] p = repetition.getCurrentRepetition() % 2 == 0 ? EigenTrust.preTrust(community.peers())
                : EigenTrust.preTrust(community.peers(), 0, 3, 7);

        EigenTrust.Result result = eigenTrust.compute(community.graph(), p, null);
        double[] expected = dense(community.s(), p, 0.15);

        assertThat(result.converged()).isTrue();
        for (int j = 0; j < community.peers(); j++) {
            assertThat(result.trust()[j]).as("peer " + j).isCloseTo(expected[j], within(1e-9));
        }
        assertThat(Arrays.stream(result.trust()).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(community.graph().dangling()).isNotEmpty();
    }

    @Test
    void preTrustedPeersKeepAtLeastTheirDampedShare() {
        Community community = random(11, 300, 0.03);
        int[] preTrusted = {5, 50, 150};

        double[] t = eigenTrust.compute(community.graph(), EigenTrust.preTrust(300, preTrusted), null).trust();

        for (int i : preTrusted) {
            assertThat(t[i]).isGreaterThanOrEqualTo(0.15 / preTrusted.length);
        }
    }

    @Test
    void aCollusiveCliqueThatRatesItselfHighlyGainsLittle() {
        int honest = 200;
        int clique = 20;
        int n = honest + clique;
        Random random = new Random(7);
        TrustGraph.Builder builder = TrustGraph.builder(n);
        for (int i = 0; i < honest; i++) {
            for (int k = 0; k < 8; k++) {
                builder.add(i, random.nextInt(honest), 1 + random.nextInt(100));
            }
            if (random.nextInt(20) == 0) {
                builder.add(i, honest + random.nextInt(clique), 5); // a few honest peers were fooled once
            }
        }
        for (int i = honest; i < n; i++) {
            for (int j = honest; j < n; j++) {
                builder.add(i, j, 1_000_000); // the clique vouches for itself, hugely
            }
        }
        TrustGraph graph = builder.build();

        double[] withPreTrust = eigenTrust.compute(graph, EigenTrust.preTrust(n, 0, 1, 2, 3, 4), null).trust();
        double cliqueShare = IntStream.range(honest, n).mapToDouble(i -> withPreTrust[i]).sum();

        // The clique is 9% of the peers; its mass comes only through the few fooled edges and leaks back
        // nowhere, so damping towards honest pre-trusted peers keeps it small.
        assertThat(cliqueShare).isLessThan(0.5 * clique / n);
        assertThat(IntStream.range(0, honest).mapToDouble(i -> withPreTrust[i]).sum()).isGreaterThan(0.95);
    }

    @Test
    void aWarmStartConvergesInFewerIterationsToTheSameVector() {
        Community before = random(3, 2000, 0.005);
        double[] p = EigenTrust.preTrust(2000);
        double[] previous = eigenTrust.compute(before.graph(), p, null).trust();
        TrustGraph.Builder changed = TrustGraph.builder(2000);
        for (int i = 0; i < 2000; i++) {
            for (int j = 0; j < 2000; j++) {
                if (before.s()[i][j] != 0) {
                    changed.add(i, j, before.s()[i][j]);
                }
            }
        }
        changed.add(10, 20, 50); // one new contribution

        EigenTrust.Result cold = eigenTrust.compute(changed.build(), p, null);
        EigenTrust.Result warm = eigenTrust.compute(changed.build(), p, previous);

        assertThat(warm.iterations()).isLessThan(cold.iterations());
        for (int j = 0; j < 2000; j++) {
            assertThat(warm.trust()[j]).isCloseTo(cold.trust()[j], within(1e-10));
        }
    }

    @Test
    void repeatedPairsAddUpAndDistrustCancelsTrust() {
        TrustGraph graph = TrustGraph.builder(3).add(0, 1, 5).add(0, 1, -5).add(0, 2, 1).add(1, 1, 9).build();

        double[] t = new EigenTrust(0.0, 1e-15, 1000).compute(graph, EigenTrust.preTrust(3, 1), null).trust();

        // Peer 0 trusts only 2 (0 + 1 net); peers 1 and 2 are dangling and hand their trust to peer 1.
        assertThat(graph.edges()).isEqualTo(1);
        assertThat(graph.dangling()).containsExactly(1, 2);
        assertThat(t[0]).isCloseTo(0, within(1e-12));
        assertThat(t[1]).isCloseTo(1, within(1e-12));
    }
}
