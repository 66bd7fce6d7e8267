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
                List.of(new Scoring.Volume("a", 150, 10), new Scoring.Volume("b", 10, 100), new Scoring.Volume("c", 0, 50)),
                Map.of());

        assertThat(scored).extracting(Scoring.Scored::peer).containsExactly("a", "b", "c", "newcomer");
        assertThat(scored).extracting(Scoring.Scored::rank).containsExactly(1, 2, 3, 4);
        assertThat(scored.stream().mapToDouble(Scoring.Scored::score).sum()).isCloseTo(1, within(1e-9));
        double scaled = scored.stream().mapToDouble(s -> s.score() / 0.25).sum();
        assertThat(scaled).as("relative = score / mean").isCloseTo(4, within(1e-9));
        assertThat(scored.get(0).relative()).isCloseTo(scored.get(0).score() / 0.25, within(1e-12));
        assertThat(scored).filteredOn(Scoring.Scored::newcomer).extracting(Scoring.Scored::peer).containsExactly("newcomer");
        assertThat(scored.get(3).relative()).as("the default newcomer score").isZero();
    }

    @Test
    void aNewcomerStartsAtTheNewcomerScoreButNeverAboveAContributor() {
        var volumes = List.of(new Scoring.Volume("giver", 7L << 20, 0), new Scoring.Volume("small", 2L << 20, 0),
                new Scoring.Volume("taker", 0, 9L << 20));
        // ratio: giver 3, small 2, taker 1, newcomer 1 (mean 1.75): small's relative is 2/1.75 = 1.14.
        var generous = Scoring.score(RatingSettings.from(Map.of("scheme", "ratio", "newcomerScore", 0.5), "BYTES"),
                List.of("newcomer"), List.of(), volumes, Map.of());
        var tooGenerous = Scoring.score(RatingSettings.from(Map.of("scheme", "ratio", "newcomerScore", 5.0), "BYTES"),
                List.of("newcomer"), List.of(), volumes, Map.of());
        // star 10 (nothing consumed), small sqrt(2 + 2) = 2, newcomer 1: mean 13/3, small's relative 6/13.
        var contributorsLow = Scoring.score(RatingSettings.from(Map.of("scheme", "ratio", "newcomerScore", 0.9), "BYTES"),
                List.of("newcomer"), List.of(), List.of(new Scoring.Volume("star", 100L << 20, 0),
                        new Scoring.Volume("small", 2L << 20, 0)), Map.of());
        assertThat(byPeer(generous).get("newcomer").relative()).isEqualTo(0.5);
        assertThat(byPeer(generous).get("newcomer").newcomer()).isTrue();
        assertThat(byPeer(tooGenerous).get("newcomer").relative()).as("clamped below the average")
                .isEqualTo(RatingSettings.MAX_NEWCOMER_SCORE);
        assertThat(byPeer(contributorsLow).get("small").relative()).isCloseTo(6.0 / 13, within(1e-12));
        assertThat(byPeer(contributorsLow).get("newcomer").relative()).as("held to the lowest contributor")
                .isEqualTo(byPeer(contributorsLow).get("small").relative());
    }

    static Map<String, Scoring.Scored> byPeer(List<Scoring.Scored> scored) {
        return scored.stream().collect(java.util.stream.Collectors.toMap(Scoring.Scored::peer, s -> s));
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
