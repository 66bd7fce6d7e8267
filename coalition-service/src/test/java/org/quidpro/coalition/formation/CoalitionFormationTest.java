package org.quidpro.coalition.formation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quidpro.coalition.game.Core;
import org.quidpro.coalition.game.DownloadGame;

class CoalitionFormationTest {

    static DownloadRequest whole(long bytes, long bOut, double bonus, int maxMembers) {
        return new DownloadRequest(new ByteRange(0, bytes - 1), bOut, bonus, Optional.empty(), maxMembers);
    }

    static List<Candidate> randomHolders(SplittableRandom random, int n) {
        List<Candidate> holders = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            holders.add(new Candidate("peer-%03d".formatted(i), random.nextLong(1, 2_000_000), random.nextDouble(0, 3)));
        }
        return holders;
    }

    @Test
    void whenEveryoneFitsAllJoinAtTheirBandwidthAndTheFileIsCutInProportion() {
        // T = 1200, p_0 (best rated) 100 B/s, helpers 200 and 300: parts 200, 400, 600 bytes.
        List<Candidate> holders = List.of(new Candidate("a", 100, 2.0), new Candidate("b", 200, 1.0),
                new Candidate("c", 300, 1.5));
        Plan plan = CoalitionFormation.form(whole(1200, 1_000, 1.0, 16), holders);
        assertThat(plan.kind()).isEqualTo(Plan.Kind.COALITION);
        assertThat(plan.members()).extracting(Member::peerId).containsExactly("a", "c", "b");
        assertThat(plan.members()).extracting(Member::rateBytesPerSecond).containsExactly(100L, 300L, 200L);
        assertThat(plan.members()).extracting(Member::bytes).containsExactly(new ByteRange(0, 199),
                new ByteRange(200, 799), new ByteRange(800, 1199));
        assertThat(plan.soloSeconds()).isEqualTo(12.0);
        assertThat(plan.coalitionSeconds()).isEqualTo(2.0);
        assertThat(plan.valueSeconds()).isCloseTo(10.0, within(1e-9));
        assertThat(plan.members().stream().mapToDouble(Member::payoffSeconds).toArray())
                .containsExactly(new double[] {25.0 / 3, 1.0, 2.0 / 3}, within(1e-9));
    }

    @Test
    void whenTheyDoNotFitTheUsableBandwidthIsSharedMaxMinFair() {
        // Rb = 0.5 of b_out 1000: 500 B/s for limits 100, 300, 400 -> 100, 200, 200.
        List<Candidate> holders = List.of(new Candidate("a", 100, 3.0), new Candidate("b", 300, 2.0),
                new Candidate("c", 400, 1.0));
        Plan plan = CoalitionFormation.form(whole(10_000, 1_000, 0.5, 16), holders);
        assertThat(plan.usableBytesPerSecond()).isEqualTo(500);
        assertThat(plan.members()).extracting(Member::rateBytesPerSecond).containsExactly(100L, 200L, 200L);
        assertThat(plan.members()).extracting(Member::advertisedBytesPerSecond).containsExactly(100L, 300L, 400L);
        assertThat(plan.coalitionSeconds()).isEqualTo(20.0);
    }

    @Test
    void onRandomInputsThePartsPartitionTheRangeAndThePayoffsAreACoreAllocationOfTheGrantedRates() {
        SplittableRandom random = new SplittableRandom(2026);
        for (int trial = 0; trial < 500; trial++) {
            int holders = 1 + random.nextInt(30);
            long first = random.nextLong(0, 1_000);
            long bytes = random.nextLong(1, 1L << 42);
            DownloadRequest request = new DownloadRequest(new ByteRange(first, first + bytes - 1),
                    random.nextLong(2_000_000, 20_000_000), random.nextDouble(0.05, 1.0), Optional.empty(),
                    1 + random.nextInt(12));
            Plan plan = CoalitionFormation.form(request, randomHolders(random, holders));
            assertThat(plan.members().size()).isBetween(1, request.maxMembers());
            long next = first;
            long rates = 0;
            for (Member m : plan.members()) {
                assertThat(m.bytes().first()).as("no gap, no overlap").isEqualTo(next);
                assertThat(m.rateBytesPerSecond()).isPositive().isLessThanOrEqualTo(m.advertisedBytesPerSecond());
                next = m.bytes().last() + 1;
                rates += m.rateBytesPerSecond();
            }
            assertThat(next - 1).as("exact to the byte").isEqualTo(request.range().last());
            assertThat(rates).isLessThanOrEqualTo(request.usableBytesPerSecond());
            double payoffs = plan.members().stream().mapToDouble(Member::payoffSeconds).sum();
            assertThat(payoffs).isCloseTo(plan.valueSeconds(), within(1e-9 * Math.max(1, plan.valueSeconds())));
            assertThat(plan.coalitionSeconds()).isLessThanOrEqualTo(plan.soloSeconds());
            DownloadGame game = new DownloadGame(bytes,
                    plan.members().stream().mapToLong(Member::rateBytesPerSecond).toArray());
            assertThat(Core.check(game, plan.members().stream().mapToDouble(Member::payoffSeconds).toArray(), 1e-9))
                    .isEmpty();
        }
    }

    @Test
    void anotherHolderThatFitsNeverLowersTheValue() {
        SplittableRandom random = new SplittableRandom(9);
        for (int trial = 0; trial < 200; trial++) {
            List<Candidate> holders = new ArrayList<>(randomHolders(random, 1 + random.nextInt(8)));
            DownloadRequest request = whole(1L << 30, Long.MAX_VALUE / 4, 1.0, 64);
            double before = CoalitionFormation.form(request, holders).valueSeconds();
            holders.add(new Candidate("newcomer", random.nextLong(1, 2_000_000), -1)); // joins last, p_0 unchanged
            assertThat(CoalitionFormation.form(request, holders).valueSeconds()).isGreaterThan(before);
        }
    }

    @Test
    void aRequesterWithoutBonusGetsTheInitialUploaderAloneAndNothingIsDivided() {
        List<Candidate> holders = List.of(new Candidate("a", 100, 2.0), new Candidate("b", 200, 1.0));
        Plan plan = CoalitionFormation.form(whole(1000, 150, 0.0, 16), holders);
        assertThat(plan.kind()).isEqualTo(Plan.Kind.SINGLE_SOURCE);
        assertThat(plan.members()).singleElement().satisfies(m -> {
            assertThat(m.peerId()).isEqualTo("a");
            assertThat(m.rateBytesPerSecond()).isEqualTo(100);
            assertThat(m.bytes()).isEqualTo(new ByteRange(0, 999));
        });
        assertThat(plan.valueSeconds()).isZero();
        assertThat(plan.coalitionSeconds()).isEqualTo(plan.soloSeconds()).isEqualTo(10.0);
    }

    @Test
    void aChosenInitialUploaderLeadsAndAtMostMaxMembersJoinInPreferenceOrder() {
        List<Candidate> holders = List.of(new Candidate("a", 100, 1.0), new Candidate("b", 500, 1.0),
                new Candidate("c", 300, 2.0), new Candidate("d", 900, 0.5));
        DownloadRequest request = new DownloadRequest(new ByteRange(0, 999), 10_000, 1.0, Optional.of("d"), 3);
        Plan plan = CoalitionFormation.form(request, holders);
        assertThat(plan.members()).extracting(Member::peerId).as("p_0 given, then by rating, then bandwidth")
                .containsExactly("d", "c", "b");
    }

    @Test
    void requestsThatCannotBeServedAreRefusedWithTheReason() {
        List<Candidate> holders = List.of(new Candidate("a", 100, 1.0), new Candidate("b", 200, 1.0));
        assertThatThrownBy(() -> CoalitionFormation.form(whole(10, 50, 1.0, 4), holders))
                .isInstanceOfSatisfying(FormationRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(FormationRefused.Reason.BANDWIDTH_BELOW_EVERY_HOLDER));
        assertThatThrownBy(() -> CoalitionFormation.form(whole(10, 500, 1.0, 4), List.of(new Candidate("z", 0, 1))))
                .isInstanceOfSatisfying(FormationRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(FormationRefused.Reason.NO_HOLDERS));
        assertThatThrownBy(() -> CoalitionFormation.form(new DownloadRequest(new ByteRange(0, 9), 500, 1.0,
                Optional.of("x"), 4), holders)).isInstanceOfSatisfying(FormationRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(FormationRefused.Reason.UPLOADER_NOT_A_HOLDER));
        assertThatThrownBy(() -> whole(10, 0, 1.0, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> whole(10, 10, 1.5, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void membersTooSlowToCarryAByteLeaveAndTheRestShareTheFile() {
        // 3 bytes, four members: the one with the smallest part leaves.
        List<Candidate> holders = List.of(new Candidate("a", 10, 4), new Candidate("b", 10, 3),
                new Candidate("c", 10, 2), new Candidate("d", 1, 1));
        Plan plan = CoalitionFormation.form(whole(3, 1_000, 1.0, 8), holders);
        assertThat(plan.members()).extracting(Member::peerId).containsExactly("a", "b", "c");
        assertThat(plan.members()).allSatisfy(m -> assertThat(m.bytes().length()).isEqualTo(1));
    }

    @Test
    void progressiveFillingIsMaxMinFairInWholeBytes() {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 2_000; trial++) {
            long[] limits = random.longs(1 + random.nextInt(20), 0, 1_000).toArray();
            long capacity = random.nextLong(0, 12_000);
            long[] shares = ProgressiveFilling.share(capacity, limits);
            long total = java.util.Arrays.stream(shares).sum();
            assertThat(total).isEqualTo(Math.min(capacity, java.util.Arrays.stream(limits).sum()));
            long highest = java.util.Arrays.stream(shares).max().orElse(0);
            for (int i = 0; i < limits.length; i++) {
                assertThat(shares[i]).isBetween(0L, limits[i]);
                if (shares[i] < limits[i]) {
                    assertThat(shares[i]).as("an unsaturated flow is within a byte of the largest").isGreaterThanOrEqualTo(
                            highest - 1);
                }
            }
        }
    }
}
