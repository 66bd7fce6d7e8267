package org.quidpro.rating.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quidpro.rating.allocation.ProviderPicker.Candidate;

class ProviderPickerTest {

    @Test
    void picksInProportionToScoreAndNeverTheUnavailable() {
        List<Candidate> consultants = List.of(new Candidate("a", 6, true), new Candidate("b", 3, true),
                new Candidate("c", 1, true), new Candidate("away", 50, false));
        Random random = new Random(1);
        Map<String, Integer> first = new HashMap<>();
        int draws = 40_000;

        for (int i = 0; i < draws; i++) {
            first.merge(ProviderPicker.pick(consultants, 1, random).getFirst().peerId(), 1, Integer::sum);
        }

        assertThat(first).doesNotContainKey("away");
        assertThat(first.get("a") / (double) draws).isCloseTo(0.6, within(0.015));
        assertThat(first.get("b") / (double) draws).isCloseTo(0.3, within(0.015));
        assertThat(first.get("c") / (double) draws).isCloseTo(0.1, within(0.015));
    }

    @Test
    void picksDistinctProvidersAndNoMoreThanAreAvailable() {
        List<Candidate> domains = List.of(new Candidate("a", 0, true), new Candidate("b", 0, true),
                new Candidate("c", 5, false));

        List<Candidate> picked = ProviderPicker.pick(domains, 3, new Random(2));

        assertThat(picked).extracting(Candidate::peerId).containsExactlyInAnyOrder("a", "b");
    }
}
