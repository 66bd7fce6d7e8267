package org.quidpro.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quidpro.simulator.Simulator;
import org.quidpro.simulator.report.PaperCheck;
import org.quidpro.simulator.report.Report;
import org.quidpro.simulator.scenario.Scenario;

/**
 * The coalition paper's qualitative results, through the real services: the bundled file-sharing scenario
 * (44 peers, 16 rounds) runs against the local stack through the gateway, once with the responsiveness
 * scheme, where every claim must hold, and once with the scheme {@code none} (no incentive), where
 * free-riders must do as well as cooperators, so the check is shown to fail when the incentive is off.
 */
class PaperCheckIT {

    static Path data;
    static DevStack stack;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("quidpro-paper-check");
        var options = DevStackOptions.parse(Path.of(System.getProperty("quidpro.devstack.root")),
                System.getProperty("quidpro.devstack.version"), "--data-dir=" + data,
                "--postgres-port=" + DevStackIT.freePort(), "--port-offset=" + DevStackIT.freePortOffset(),
                "--ready-timeout=90");
        stack = DevStack.start(options);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    Simulator.Result run(Scenario scenario, String name) {
        return Simulator.run(scenario, stack.urls().get("gateway"), "local-operator-key", data.resolve(name), false);
    }

    @Test
    void withTheIncentiveThePapersResultsHoldAndWithoutItFreeRidersDoAsWellAsCooperators() throws Exception {
        Scenario scenario = Scenario.load("file-sharing");

        Simulator.Result incentive = run(scenario, "responsiveness");
        String summary = Report.summary(incentive.simulation(), incentive.checks());
        assertThat(incentive.checks()).as(summary).extracting(PaperCheck.Check::claim).hasSize(4);
        assertThat(incentive.checks()).as(summary).allMatch(PaperCheck.Check::holds);
        assertThat(incentive.simulation().lateRounds()).as("the services kept up with every round").isZero();

        Simulator.Result none = run(scenario.withScheme("none"), "none");
        String control = Report.summary(none.simulation(), none.checks());
        var freeRiders = none.simulation().figures().get("free-rider");
        var cooperators = none.simulation().figures().get("cooperator");
        assertThat(none.checks()).as(control).filteredOn(c -> c.claim().startsWith("free-riders"))
                .singleElement().extracting(PaperCheck.Check::holds).isEqualTo(false);
        assertThat(freeRiders.bandwidth()).as("without incentive free-riders do as well: " + control)
                .isGreaterThan(0.8 * cooperators.bandwidth());

        assertReportIsComplete(incentive);
    }

    /** The report's files are there and readable; each chart decodes as an image with more than a blank page. */
    static void assertReportIsComplete(Simulator.Result result) throws Exception {
        Path dir = result.report().getParent();
        assertThat(Files.readString(result.report())).contains("<img src=\"rating-by-class.png\"",
                "<img src=\"download-time.png\"", "<img src=\"bandwidth-share.png\"", "Paper check");
        List<String> rounds = Files.readAllLines(dir.resolve("rounds.csv"));
        assertThat(rounds).hasSize(1 + result.simulation().rounds().size() * result.simulation().labels().size());
        assertThat(Files.readAllLines(dir.resolve("requests.csv")).size() - 1).isEqualTo(
                result.simulation().rounds().stream().mapToInt(r -> r.requests().size()).sum());
        for (String chart : List.of("rating-by-class.png", "download-time.png", "bandwidth-share.png")) {
            var image = ImageIO.read(dir.resolve(chart).toFile());
            assertThat(image.getWidth()).as(chart).isEqualTo(900);
            java.util.Set<Integer> colours = new java.util.HashSet<>();
            for (int x = 0; x < image.getWidth(); x += 7) {
                for (int y = 0; y < image.getHeight(); y += 7) {
                    colours.add(image.getRGB(x, y));
                }
            }
            assertThat(colours.size()).as(chart + ": lines, axes and legend drawn").isGreaterThan(8);
        }
    }
}
