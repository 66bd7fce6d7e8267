package org.quidpro.coalition.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DownloadGameTest {

    static final double EPS = 1e-9;

    /** The paper's own example: T = 100, b_0 = b_1 = 1. */
    @Test
    void thePapersExampleTwoEqualPeers() {
        DownloadGame game = new DownloadGame(100, new long[] {1, 1});
        assertThat(game.soloSeconds()).isEqualTo(100.0);
        assertThat(game.coalitionSeconds()).isEqualTo(50.0);
        assertThat(game.grandValue()).isEqualTo(50.0);
        assertThat(game.payoffs()).containsExactly(new double[] {25, 25}, within(EPS));
    }

    /**
     * Worked by hand. T = 1200 bytes, r_0 = 100, r_1 = 200, r_2 = 300 bytes/s; B = 500.
     * t_0 = 1200/100 = 12 s; t_N = 1200/600 = 2 s; V(N) = 10 s.
     * V({0,1}) = 12*200/300 = 8; V({0,2}) = 12*300/400 = 9; V without p_0 = 0.
     * Eq. 5: x_0 = 12*500^2/600^2 = 8.3333..; x_1 = 12*100*200/600^2 = 0.6666..; x_2 = 12*100*300/600^2 = 1.
     * Core box: m_1 = V(N) - V({0,2}) = 1, m_2 = V(N) - V({0,1}) = 2; 0.667 <= 1 and 1 <= 2: in the core.
     * Shapley, over the 6 orders (marginals of p1: 8,1,0,0,1,0; of p2: 2,9,2,0,0,0):
     * phi_1 = 10/6, phi_2 = 13/6, phi_0 = 37/6. phi_1 = 1.667 > m_1 = 1: the Shapley value is NOT in this game's
     * core, {p_0, p_1} gets 47/6 = 7.83 < V = 8 and {p_0, p_2} gets 50/6 = 8.33 < V = 9, so both would leave;
     * which is why the service pays by eq. 5.
     */
    @Test
    void aThreePeerExampleWorkedByHand() {
        DownloadGame game = new DownloadGame(1200, new long[] {100, 200, 300});
        assertThat(game.soloSeconds()).isEqualTo(12.0);
        assertThat(game.coalitionSeconds()).isEqualTo(2.0);
        assertThat(game.grandValue()).isCloseTo(10.0, within(EPS));
        assertThat(game.value(0b011)).isCloseTo(8.0, within(EPS));
        assertThat(game.value(0b101)).isCloseTo(9.0, within(EPS));
        assertThat(game.value(0b110)).isZero();
        assertThat(game.payoffs()).containsExactly(new double[] {25.0 / 3, 2.0 / 3, 1.0}, within(EPS));
        assertThat(game.marginalContributions()).containsExactly(new double[] {10, 1, 2}, within(EPS));

        double[] shapley = Shapley.exact(game);
        assertThat(shapley).containsExactly(new double[] {37.0 / 6, 10.0 / 6, 13.0 / 6}, within(EPS));
        assertThat(Core.check(game, game.payoffs(), EPS)).isEmpty();
        assertThat(game.inCore(game.payoffs(), EPS)).isTrue();
        var blocking = Core.check(game, shapley, EPS);
        assertThat(blocking).isPresent();
        assertThat(blocking.get().coalition()).as("{p_0, p_1} blocks the Shapley value").isEqualTo(0b011);
        assertThat(blocking.get().payoff()).isCloseTo(47.0 / 6, within(EPS));
        assertThat(shapley[0] + shapley[2]).as("and so would {p_0, p_2}").isLessThan(game.value(0b101));
        assertThat(game.inCore(shapley, EPS)).isFalse();
    }

    @Test
    void onRandomBandwidthsEq5SumsToTheValueAndPassesTheBruteForceCoreCheck() {
        SplittableRandom random = new SplittableRandom(42);
        for (int trial = 0; trial < 400; trial++) {
            int n = 1 + random.nextInt(12);
            long[] rates = random.longs(n, 1, random.nextBoolean() ? 10 : 10_000_000).toArray();
            long fileBytes = random.nextLong(1, 1L << 40);
            DownloadGame game = new DownloadGame(fileBytes, rates);
            double[] x = game.payoffs();
            assertThat(java.util.Arrays.stream(x).sum()).isCloseTo(game.grandValue(),
                    within(1e-9 * Math.max(1, game.grandValue())));
            assertThat(Core.check(game, x, 1e-9)).as("n=%d rates=%s", n, java.util.Arrays.toString(rates)).isEmpty();
            assertThat(game.inCore(x, 1e-9)).isTrue();
            assertThat(game.coalitionSeconds()).isLessThanOrEqualTo(game.soloSeconds());
        }
    }

    @Test
    void theClosedFormCoreAgreesWithTheBruteForceCheckOnRandomPayoffVectors() {
        SplittableRandom random = new SplittableRandom(7);
        int inside = 0;
        for (int trial = 0; trial < 2_000; trial++) {
            int n = 2 + random.nextInt(8);
            DownloadGame game = new DownloadGame(1_000_000, random.longs(n, 1, 1000).toArray());
            double[] m = game.marginalContributions();
            double[] x = new double[n];
            double helpers = 0;
            for (int i = 1; i < n; i++) {
                x[i] = m[i] * (random.nextDouble() * 1.4 - 0.2); // sometimes below 0 or above m_i
                helpers += x[i];
            }
            x[0] = game.grandValue() - helpers;
            boolean brute = Core.check(game, x, 1e-12).isEmpty();
            assertThat(game.inCore(x, 1e-12)).isEqualTo(brute);
            inside += brute ? 1 : 0;
        }
        assertThat(inside).as("both sides of the boundary are tried").isBetween(100, 1_900);
    }

    @Test
    void addingAMemberNeverLowersTheValue() {
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 2_000; trial++) {
            int n = 2 + random.nextInt(10);
            DownloadGame game = new DownloadGame(random.nextLong(1, 1L << 30), random.longs(n, 1, 1_000_000).toArray());
            long s = random.nextLong(1L << n);
            int i = random.nextInt(n);
            assertThat(game.value(s | (1L << i))).isGreaterThanOrEqualTo(game.value(s));
        }
    }

    @Test
    void theMarginalBoundsAreIndividualRationalityAndTheMarginalContribution() {
        DownloadGame game = new DownloadGame(1200, new long[] {100, 200, 300});
        Core.Bounds[] bounds = Core.marginalBounds(game);
        assertThat(bounds[1].lower()).isZero();
        assertThat(bounds[1].upper()).isCloseTo(1.0, within(EPS));
        assertThat(bounds[2].upper()).isCloseTo(2.0, within(EPS));
        assertThat(bounds[0].upper()).as("p_0 is a veto player").isCloseTo(10.0, within(EPS));
    }

    @Test
    void theSampledShapleyValueFallsWithinItsStatedErrorOfTheExactOne() {
        SplittableRandom random = new SplittableRandom(11);
        DownloadGame game = new DownloadGame(50_000_000, random.longs(12, 1_000, 100_000).toArray());
        double[] exact = Shapley.exact(game);
        Shapley.Estimate estimate = Shapley.sampled(game, 20_000, 0.99, new SplittableRandom(1));
        double sum = 0;
        for (int i = 0; i < exact.length; i++) {
            assertThat(Math.abs(estimate.values()[i] - exact[i])).isLessThanOrEqualTo(estimate.halfWidth()[i]);
            sum += estimate.values()[i];
        }
        assertThat(sum).as("every order pays out V(N) exactly").isCloseTo(game.grandValue(), within(1e-6));
        assertThat(java.util.Arrays.stream(exact).sum()).isCloseTo(game.grandValue(), within(1e-9));
    }
}
