package org.quidpro.rating.decay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DecayingTest {

    final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    final Duration week = Duration.ofDays(7);

    @Test
    void halvesEveryHalfLife() {
        var trust = new Decaying(800, t0);

        assertThat(trust.at(t0, week)).isEqualTo(800);
        assertThat(trust.at(t0.plus(week), week)).isCloseTo(400, within(1e-9));
        assertThat(trust.at(t0.plus(Duration.ofDays(21)), week)).isCloseTo(100, within(1e-9));
        assertThat(trust.at(t0.plus(Duration.ofDays(3).plusHours(12)), week)).isCloseTo(800 / Math.sqrt(2), within(1e-9));
    }

    @Test
    void addingBringsTheValueForwardFirst() {
        var trust = new Decaying(100, t0).plus(50, t0.plus(week), week);

        assertThat(trust.value()).isCloseTo(100, within(1e-9));
        assertThat(trust.asOf()).isEqualTo(t0.plus(week));
        assertThat(trust.at(t0.plus(Duration.ofDays(14)), week)).isCloseTo(50, within(1e-9));
    }

    @Test
    void aLateEventDoesNotMoveTimeBackwards() {
        var trust = new Decaying(100, t0.plus(week)).plus(10, t0, week);

        assertThat(trust.asOf()).isEqualTo(t0.plus(week));
        assertThat(trust.value()).isEqualTo(110);
    }
}
