package org.quidpro.simulator;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.quidpro.simulator.community.Community;
import org.quidpro.simulator.community.Gateway;
import org.quidpro.simulator.community.Peer;
import org.quidpro.simulator.community.Round;
import org.quidpro.simulator.report.PaperCheck;
import org.quidpro.simulator.report.Report;
import org.quidpro.simulator.report.Simulation;
import org.quidpro.simulator.scenario.Scenario;

/**
 * Runs a scenario against a running quidpro through its gateway and writes the report.
 *
 * <pre>
 * --scenario=file-sharing|wlan|telemedicine|PATH   (default file-sharing)
 * --gateway=URL             (default http://localhost:8080)
 * --operator-key=KEY        the operator's API key (default the local run's)
 * --out=DIR                 (default target/simulation/SCENARIO)
 * --rounds=N --scheme=S     override the scenario's rounds or rating scheme
 * </pre>
 */
public final class Simulator {

    /** A finished run, its paper check (file sharing) and where its report is. */
    public record Result(Simulation simulation, List<PaperCheck.Check> checks, Path report) {}

    private Simulator() {}

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                System.err.println("usage: --scenario=NAME|PATH --gateway=URL --operator-key=KEY --out=DIR "
                        + "--rounds=N --scheme=S (got " + arg + ")");
                System.exit(2);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        Scenario scenario = Scenario.load(options.getOrDefault("scenario", "file-sharing"));
        if (options.containsKey("rounds")) {
            scenario = scenario.withRounds(Integer.parseInt(options.get("rounds")));
        }
        if (options.containsKey("scheme")) {
            scenario = scenario.withScheme(options.get("scheme"));
        }
        Result result = run(scenario, URI.create(options.getOrDefault("gateway", "http://localhost:8080")),
                options.getOrDefault("operator-key", "local-operator-key"),
                Path.of(options.getOrDefault("out", "target/simulation/" + scenario.name())), true);
        System.out.println(Report.summary(result.simulation(), result.checks()));
        System.out.println("Report: " + result.report().toAbsolutePath());
        System.exit(0);
    }

    /** Plays every round of {@code scenario} through the gateway at {@code gateway} and writes the report. */
    public static Result run(Scenario scenario, URI gateway, String operatorKey, Path out, boolean progress) {
        System.setProperty("java.awt.headless", "true");
        long start = System.nanoTime();
        Gateway client = new Gateway(gateway, operatorKey);
        String id = scenario.name() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Community community = Community.open(scenario, client, id);
        List<Round> rounds = new ArrayList<>();
        try (ProgressBar bar = progress ? bar(scenario) : null) {
            for (int r = 0; r < scenario.rounds(); r++) {
                Round round = community.play(r);
                rounds.add(round);
                if (bar != null) {
                    bar.step();
                    bar.setExtraMessage("%d requests, %d served".formatted(round.requests().size(),
                            round.requests().stream().filter(q -> q.received() > 0).count()));
                }
            }
        }
        Map<Integer, String> classes = new LinkedHashMap<>();
        for (Peer peer : community.peers()) {
            classes.put(peer.number(), peer.label());
        }
        Simulation simulation = new Simulation(scenario, id, classes, rounds,
                Duration.ofNanos(System.nanoTime() - start), client.calls(), client.waits(), community.lateRounds());
        List<PaperCheck.Check> checks = scenario.kind() == Scenario.Kind.FILES ? PaperCheck.of(simulation) : List.of();
        return new Result(simulation, checks, Report.write(simulation, checks, out));
    }

    private static ProgressBar bar(Scenario scenario) {
        return new ProgressBarBuilder().setTaskName(scenario.name()).setInitialMax(scenario.rounds())
                .setUnit(" rounds", 1).showSpeed().setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }
}
