package org.quidpro.rating.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class AllocatorTest {

    static final AllocationPolicy QUEUE = new AllocationPolicy(0.1, 0.2, AllocationPolicy.BelowFloor.QUEUE);
    static final AllocationPolicy REFUSE = new AllocationPolicy(0.1, 0.2, AllocationPolicy.BelowFloor.REFUSE);

    static Map<String, Grant> byPeer(List<Grant> grants) {
        return grants.stream().collect(Collectors.toMap(Grant::peerId, g -> g));
    }

    @Test
    void sharesInProportionToScoreWhenNobodyIsCapped() {
        var grants = byPeer(Allocator.allocate(1_000_000, List.of(
                new Requester("a", 3.0, 10_000_000, false),
                new Requester("b", 1.0, 10_000_000, false)), QUEUE));

        assertThat(grants.get("a").bytesPerSecond()).isEqualTo(750_000);
        assertThat(grants.get("b").bytesPerSecond()).isEqualTo(250_000);
        assertThat(grants.get("a").rank()).isEqualTo(1);
        assertThat(grants.get("a").rule()).contains("proportional share by score");
    }

    @Test
    void aCappedRequestersSurplusGoesToTheOthers() {
        var grants = byPeer(Allocator.allocate(1_000_000, List.of(
                new Requester("fast", 3.0, 100_000, false),
                new Requester("x", 1.0, 10_000_000, false),
                new Requester("y", 1.0, 10_000_000, false)), QUEUE));

        assertThat(grants.get("fast").bytesPerSecond()).isEqualTo(100_000);
        assertThat(grants.get("fast").rule()).contains("capped at its declared download of 100000 B/s");
        assertThat(grants.get("x").bytesPerSecond()).isEqualTo(450_000);
        assertThat(grants.get("y").bytesPerSecond()).isEqualTo(450_000);
    }

    @Test
    void aFreeRiderGetsLessThanACooperatorWithTheSameRequest() {
        var queued = byPeer(Allocator.allocate(1_000_000, List.of(
                new Requester("cooperator", 1.5, 400_000, false),
                new Requester("free-rider", 0.01, 400_000, false)), QUEUE));
        var refused = byPeer(Allocator.allocate(1_000_000, List.of(
                new Requester("cooperator", 1.5, 2_000_000, false),
                new Requester("free-rider", 0.01, 2_000_000, false)), REFUSE));

        // Queued: served only with what the capped cooperator could not take.
        assertThat(queued.get("cooperator").bytesPerSecond()).isEqualTo(400_000);
        assertThat(queued.get("free-rider").decision()).isEqualTo(Grant.Decision.QUEUE);
        assertThat(queued.get("free-rider").bytesPerSecond()).isEqualTo(400_000);
        assertThat(queued.get("free-rider").rank()).isGreaterThan(queued.get("cooperator").rank());
        assertThat(queued.get("free-rider").rule()).contains("below the free-rider floor");
        // Refused: nothing at all.
        assertThat(refused.get("free-rider").decision()).isEqualTo(Grant.Decision.REFUSE);
        assertThat(refused.get("free-rider").bytesPerSecond()).isZero();
        assertThat(refused.get("free-rider").rank()).isZero();
        assertThat(refused.get("cooperator").bytesPerSecond()).isEqualTo(1_000_000);
    }

    @Test
    void newcomersShareEpsilonAndAWhitewasherCannotBeatACooperator() {
        var grants = byPeer(Allocator.allocate(1_000_000, List.of(
                new Requester("cooperator", 1.0, 5_000_000, false),
                new Requester("fresh-identity", 0.0, 5_000_000, true)), QUEUE));

        assertThat(grants.get("fresh-identity").bytesPerSecond()).isEqualTo(100_000);
        assertThat(grants.get("fresh-identity").rule()).contains("newcomer share: 10%");
        assertThat(grants.get("cooperator").bytesPerSecond()).isEqualTo(900_000);
    }

    @RepeatedTest(50)
    void ratesNeverExceedCapacityOrCapsAndEveryDecisionExplainsItself(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        long capacity = 1 + random.nextInt(5_000_000);
        List<Requester> requesters = new ArrayList<>();
        for (int i = 0; i < 1 + random.nextInt(50); i++) {
            requesters.add(new Requester("p" + i, random.nextInt(4) == 0 ? random.nextDouble() * 0.2 : random.nextDouble() * 3,
                    1 + random.nextInt(2_000_000), random.nextInt(6) == 0));
        }
        AllocationPolicy policy = random.nextBoolean() ? QUEUE : REFUSE;

        List<Grant> grants = Allocator.allocate(capacity, requesters, policy);

        assertThat(grants).hasSameSizeAs(requesters).allSatisfy(g -> assertThat(g.rule()).isNotBlank());
        assertThat(grants.stream().mapToLong(Grant::bytesPerSecond).sum()).isLessThanOrEqualTo(capacity);
        Map<String, Requester> byId = requesters.stream().collect(Collectors.toMap(Requester::peerId, r -> r));
        assertThat(grants).allSatisfy(g -> assertThat(g.bytesPerSecond()).isBetween(0L, byId.get(g.peerId()).downloadBytesPerSecond()));
        long wanted = requesters.stream().filter(r -> policy == QUEUE || r.newcomer() || r.score() >= 0.2)
                .mapToLong(Requester::downloadBytesPerSecond).sum();
        long given = grants.stream().mapToLong(Grant::bytesPerSecond).sum();
        // Work-conserving: capacity stays idle only when every served requester is at its cap (or by rounding).
        assertThat(given).isGreaterThanOrEqualTo(Math.min(capacity, wanted) - requesters.size() * 2L);
        assertThat(grants.stream().filter(g -> g.rank() > 0).map(Grant::rank).toList())
                .isSorted().doesNotHaveDuplicates();
        // No newcomer gets more than a rated requester at or above the floor that its own download did not cap.
        long lowestUncapped = grants.stream().filter(g -> !byId.get(g.peerId()).newcomer()
                        && byId.get(g.peerId()).score() >= 0.2 && g.bytesPerSecond() < byId.get(g.peerId()).downloadBytesPerSecond())
                .mapToLong(Grant::bytesPerSecond).min().orElse(Long.MAX_VALUE);
        assertThat(grants).filteredOn(g -> byId.get(g.peerId()).newcomer())
                .allSatisfy(g -> assertThat(g.bytesPerSecond()).isLessThanOrEqualTo(lowestUncapped));
    }

    @Test
    void aWhitewasherNeverOutEarnsAnyCooperatorEvenWhenCooperatorsAreMany() {
        List<Requester> requesters = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            requesters.add(new Requester("cooperator-" + i, 1.0, 5_000_000, false));
        }
        requesters.add(new Requester("fresh-identity", 0.0, 5_000_000, true));

        var grants = byPeer(Allocator.allocate(1_000_000, requesters, QUEUE));

        // Unchecked, the 10% newcomer share (100,000 B/s) would beat each cooperator's 45,000 B/s.
        // Held to 45,000; the 55,000 it gave back went to the cooperators (2,750 each).
        assertThat(grants.get("fresh-identity").bytesPerSecond()).isEqualTo(45_000);
        assertThat(grants.get("cooperator-0").bytesPerSecond()).isEqualTo(47_750);
        assertThat(grants.get("fresh-identity").rule()).contains("held to");
        assertThat(grants.values().stream().mapToLong(Grant::bytesPerSecond).sum()).isGreaterThan(999_900);
    }
}
