package org.quidpro.rating.responsiveness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponsivenessBonusTest {

    @ParameterizedTest(name = "Up={0} Dp={1} Fs={2} gamma={3} -> Rb={4}")
    @CsvSource({
        "0,    0,   0, 1.0, 1.0",    // a newcomer: Up - Dp = 0
        "50,   20,  0, 1.0, 1.0",    // earned more than consumed
        "0,    30,  0, 1.0, 0.0",    // free-rider: consumed, never lent, shares nothing
        "0,    30,  4, 1.0, 1.0",    // shares files, nobody asked for them yet
        "25,   100, 0, 1.0, 0.25",   // Up * gamma / Dp
        "25,   100, 9, 2.0, 0.5",
        "60,   100, 0, 2.0, 1.0"     // 1.2 clipped to 1
    })
    void followsEquationsEightToTen(double earned, double consumed, long files, double gamma, double expected) {
        assertThat(new ResponsivenessBonus(gamma).of(earned, consumed, files)).isCloseTo(expected, within(1e-12));
    }

    @ParameterizedTest(name = "newcomer bonus {0}: a peer with nothing gets {0}, one that shares or gave as much gets 1")
    @CsvSource({"0.0", "0.5", "1.0"})
    void theNewcomerBonusSetsOnlyThePeerWithNothingAtAll(double newcomerBonus) {
        ResponsivenessBonus bonus = new ResponsivenessBonus(1, newcomerBonus);
        assertThat(bonus.of(0, 0, 0)).isEqualTo(newcomerBonus);
        assertThat(bonus.of(0, 0, 1)).as("shares a file").isEqualTo(1.0);
        assertThat(bonus.of(5, 0, 0)).as("earned").isEqualTo(1.0);
        assertThat(bonus.of(0, 5, 0)).as("consumed only: a free-rider whatever the setting").isZero();
        assertThatThrownBy(() -> new ResponsivenessBonus(1, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"-1, 0, 0", "0, -1, 0", "0, 0, -1"})
    void negativeInputsAreRefused(double earned, double consumed, long files) {
        assertThatThrownBy(() -> new ResponsivenessBonus(1).of(earned, consumed, files))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
