package org.quidpro.coalition.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quidpro.coalition.formation.ByteRange;

class SettlementTest {

    // The worked example: T = 1200, rates 100, 200, 300; eq. 5 gives 25/3, 2/3, 1.
    static List<Settlement.Delivery> plan(long a, long b, long c) {
        return List.of(new Settlement.Delivery("p0", 100, new ByteRange(0, 199), 25.0 / 3, a),
                new Settlement.Delivery("p1", 200, new ByteRange(200, 599), 2.0 / 3, b),
                new Settlement.Delivery("p2", 300, new ByteRange(600, 1199), 1.0, c));
    }

    @Test
    void whenEveryoneDeliveredThePlannedPayoffsStand() {
        Settlement.Outcome outcome = Settlement.settle(1200, plan(200, 400, 600));
        assertThat(outcome.complete()).isTrue();
        assertThat(outcome.payoffSeconds()).containsExactly(new double[] {25.0 / 3, 2.0 / 3, 1.0}, within(1e-12));
        assertThat(outcome.undelivered()).isEmpty();
    }

    @Test
    void aMemberThatDidNotDeliverGetsNothingAndTheOthersArePaidForTheCoalitionThatRan() {
        // p2 sent only half. {p0, p1}: t0 = 12, B = 200, V = 12*200/300 = 8; x0 = 12*200^2/300^2 = 16/3, x1 = 8/3.
        Settlement.Outcome outcome = Settlement.settle(1200, plan(200, 400, 300));
        assertThat(outcome.complete()).isFalse();
        assertThat(outcome.payoffSeconds()).containsExactly(new double[] {16.0 / 3, 8.0 / 3, 0}, within(1e-12));
        assertThat(outcome.valueSeconds()).isCloseTo(8.0, within(1e-12));
        assertThat(outcome.undelivered()).containsExactly(new ByteRange(600, 1199));
    }

    @Test
    void whenTheInitialUploaderFailsTheFastestDeliveringMemberTakesItsPlace() {
        // {p2 as reference, p1}: t0 = 1200/300 = 4, B = 200, V = 4*200/500 = 1.6; x_ref = 4*200^2/500^2 = 0.64, x1 = 0.96.
        Settlement.Outcome outcome = Settlement.settle(1200, plan(0, 400, 600));
        assertThat(outcome.payoffSeconds()).containsExactly(new double[] {0, 0.96, 0.64}, within(1e-12));
        assertThat(outcome.undelivered()).containsExactly(new ByteRange(0, 199));
    }

    @Test
    void nobodyDeliveredNobodyIsPaid() {
        Settlement.Outcome outcome = Settlement.settle(1200, plan(0, 10, 0));
        assertThat(outcome.payoffSeconds()).containsOnly(0.0);
        assertThat(outcome.undelivered()).hasSize(3);
    }
}
