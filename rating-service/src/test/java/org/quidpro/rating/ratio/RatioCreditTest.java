package org.quidpro.rating.ratio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RatioCreditTest {

    static final long MIB = RatioCredit.MIB;

    /** Checked by hand from eMule's formula; volumes in MiB. */
    @ParameterizedTest(name = "gave {0} MiB, took {1} MiB -> {2}")
    @CsvSource({
        // below the 1 MiB minimum: always 1
        "0.5,   0,     1.0",
        "0.99,  100,   1.0",
        // nothing taken: min(10, sqrt(MiB + 2))
        "1,     0,     1.7320508075688772",   // sqrt(3)
        "7,     0,     3.0",                  // sqrt(9)
        "98,    0,     10.0",                 // sqrt(100)
        "1000,  0,     10.0",                 // sqrt(1002) > 10, clamped
        // ratio term smaller: 2 * gave / took
        "10,    40,    1.0",                  // 0.5, clamped up to 1
        "10,    16,    1.25",                 // 20 / 16 = 1.25 < sqrt(12)
        "50,    25,    4.0",                  // 4 < sqrt(52) = 7.21
        // volume term smaller
        "14,    1,     4.0",                  // min(28, sqrt(16))
        "200,   10,    10.0"                  // min(40, 14.21) -> 10
    })
    void matchesEmulesFormula(double gaveMiB, double tookMiB, double expected) {
        long gave = Math.round(gaveMiB * MIB);
        long took = Math.round(tookMiB * MIB);

        assertThat(RatioCredit.EMULE.modifier(gave, took)).isCloseTo(expected, within(1e-9));
    }

    /** 599 s < 600 s minimum; sqrt(600/200 + 2) = sqrt(5); min(6, sqrt(17)); 2 * 3600 / 100000 &lt; 1. */
    @ParameterizedTest
    @CsvSource({"599, 0, 1.0", "600, 0, 2.23606797749979", "3000, 1000, 4.123105625617661", "3600, 100000, 1.0"})
    void otherUnitsChooseTheirOwnMinimumAndStep(long gave, long took, double expected) {
        var seconds = new RatioCredit(600, 200); // WLAN peering: ten minutes to count, steps of 200 s

        assertThat(seconds.modifier(gave, took)).isCloseTo(expected, within(1e-9));
    }
}
