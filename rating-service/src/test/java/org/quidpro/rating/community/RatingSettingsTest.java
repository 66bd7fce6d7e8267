package org.quidpro.rating.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RatingSettingsTest {

    final Instant now = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void aCommunityIsDueAfterItsContributionCountOrItsScheduleWhicheverComesFirst() {
        RatingSettings settings = RatingSettings.from(Map.of("recomputeAfterContributions", 50, "recomputeEvery", "PT1M"),
                "BYTES");

        assertThat(settings.due(0, null, now)).as("nothing new").isFalse();
        assertThat(settings.due(1, null, now)).as("never computed").isTrue();
        assertThat(settings.due(49, now.minusSeconds(30), now)).isFalse();
        assertThat(settings.due(50, now.minusSeconds(30), now)).as("the count reached").isTrue();
        assertThat(settings.due(1, now.minusSeconds(60), now)).as("the schedule reached").isTrue();
    }

    @Test
    void missingOrMalformedSettingsTakeTheirDefaults() {
        RatingSettings settings = RatingSettings.from(Map.of("recomputeEvery", "every minute", "halfLife", "PT-1H",
                "recomputeAfterContributions", -4, "newcomerScore", -1), "BYTES");

        assertThat(settings.recomputeEvery()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.halfLife()).isEqualTo(Duration.ofDays(30));
        assertThat(settings.recomputeAfter()).isEqualTo(1);
        assertThat(settings.newcomerScore()).isZero();
        assertThat(settings.scheme()).isEqualTo("eigentrust");
    }

    @Test
    void theResponsivenessBonusFollowsTheCommunityAndIsOffUnderTheSchemeNone() {
        RatingSettings paper = RatingSettings.from(Map.of("scheme", "responsiveness"), "BYTES");
        RatingSettings guarded = RatingSettings.from(Map.of("scheme", "responsiveness", "responsivenessNewcomerBonus", 0),
                "BYTES");
        RatingSettings none = RatingSettings.from(Map.of("scheme", "none", "responsivenessNewcomerBonus", 0), "BYTES");

        assertThat(paper.responsivenessBonus(0, 0, 0)).as("the paper: everyone starts at 1").isEqualTo(1.0);
        assertThat(guarded.responsivenessBonus(0, 0, 0)).as("a fresh identity sharing nothing").isZero();
        assertThat(guarded.responsivenessBonus(0, 0, 3)).isEqualTo(1.0);
        assertThat(paper.responsivenessBonus(0, 10, 0)).as("a free-rider").isZero();
        assertThat(none.responsivenessBonus(0, 10, 0)).as("no incentive: a free-rider keeps the full bonus").isEqualTo(1.0);
        assertThat(none.responsivenessBonus(0, 0, 0)).isEqualTo(1.0);
    }
}
