package org.quidpro.rating.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quidpro.rating.community.RatingSettings;

class ScoringTest {

    @Test
    void eigenTrustRanksTheTrustedProviderFirstAndScalesToTheAverage() {
        RatingSettings settings = RatingSettings.from(Map.of("scheme", "eigentrust"), "BYTES");

        List<Scoring.Scored> scored = Scoring.score(settings, List.of("a", "b", "c", "newcomer"),
                List.of(new Scoring.Edge("b", "a", 100), new Scoring.Edge("c", "a", 50), new Scoring.Edge("a", "b", 10)),
                List.of(), Map.of());

        assertThat(scored).extracting(Scoring.Scored::peer).startsWith("a", "b");
        assertThat(scored).extracting(Scoring.Scored::rank).containsExactly(1, 2, 3, 4);
        assertThat(scored.stream().mapToDouble(Scoring.Scored::score).sum()).isCloseTo(1, within(1e-9));
        assertThat(scored.stream().mapToDouble(Scoring.Scored::relative).average().orElseThrow()).isCloseTo(1, within(1e-9));
    }

    @Test
    void ratioAndNoneFollowTheirScheme() {
        var volumes = List.of(new Scoring.Volume("giver", 7L << 20, 0), new Scoring.Volume("taker", 0, 7L << 20));

        assertThat(Scoring.score(RatingSettings.from(Map.of("scheme", "ratio"), "BYTES"), List.of(), List.of(), volumes,
                Map.of())).extracting(Scoring.Scored::score).containsExactly(3.0, 1.0);
        assertThat(Scoring.score(RatingSettings.from(Map.of("scheme", "none"), "BYTES"), List.of("a"), List.of(), volumes,
                Map.of())).isEmpty();
    }

    @Test
    void scoreWeightedCommunitiesTurnScoresIntoTrust() {
        RatingSettings weighted = RatingSettings.from(Map.of("scoreWeighted", true), "CONSULTATIONS");
        RatingSettings plain = RatingSettings.from(Map.of(), "BYTES");

        assertThat(weighted.localTrust(2, true, 5)).isEqualTo(2.0);
        assertThat(weighted.localTrust(2, true, 1)).isEqualTo(-2.0);
        assertThat(weighted.localTrust(2, true, 3)).isEqualTo(0.0);
        assertThat(plain.localTrust(100, false, 5)).isEqualTo(-100.0);
        assertThat(plain.halfLife()).hasDays(30);
    }
}
