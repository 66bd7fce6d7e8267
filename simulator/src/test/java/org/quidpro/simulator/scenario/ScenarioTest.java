package org.quidpro.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScenarioTest {

    @ParameterizedTest
    @ValueSource(strings = {"file-sharing", "wlan", "telemedicine"})
    void everyBundledScenarioLoads(String name) {
        Scenario scenario = Scenario.load(name);
        assertThat(scenario.name()).isEqualTo(name);
        assertThat(scenario.population()).allMatch(c -> c.count() > 0);
        assertThat(scenario.community()).containsKeys("unit", "rating", "allocation");
    }

    @Test
    void theFileSharingScenarioHasEveryBehaviourTheIssueNames() {
        Scenario scenario = Scenario.load("file-sharing");
        assertThat(scenario.population()).extracting(Scenario.Cohort::label)
                .contains("cooperator", "free-rider", "whitewasher", "colluder", "cooperator→free-rider");
        assertThat(scenario.scheme()).isEqualTo("responsiveness");
        assertThat(scenario.withScheme("none").scheme()).isEqualTo("none");
        assertThat(scenario.withScheme("none").ratingSettings()).containsEntry("responsivenessGamma", 1.0);
    }

    @Test
    void aCohortChangesItsBehaviourAtItsRound() {
        Scenario.Cohort changer = Scenario.load("file-sharing").population().getLast();
        assertThat(changer.behaviourAt(changer.atRound() - 1)).isEqualTo(Behaviour.COOPERATOR);
        assertThat(changer.behaviourAt(changer.atRound())).isEqualTo(Behaviour.FREE_RIDER);
    }

    @Test
    void aScenarioFileWithAMistakeSaysWhat(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                name: bad
                kind: FILES
                rounds: 3
                roundSeconds: 60
                warmupRounds: 0
                community: { unit: BYTES, rating: {}, allocation: {} }
                demand: { requestProbability: 0.5, coalitionShare: 0.5 }
                population:
                  - { behaviour: whitewasher, count: 2, resetEvery: 2, uploadBytesPerSecond: {min: 1, max: 2},
                      downloadBytesPerSecond: {min: 1, max: 2} }
                """);
        assertThatThrownBy(() -> Scenario.load(file.toString())).hasMessageContaining("files catalogue");
        Files.writeString(file, Files.readString(file).replace("kind: FILES", "kind: SERVICE").replace("resetEvery: 2, ", ""));
        assertThatThrownBy(() -> Scenario.load(file.toString())).hasMessageContaining("resets");
        assertThatThrownBy(() -> Scenario.load("no-such-scenario")).hasMessageContaining("no-such-scenario");
    }
}
