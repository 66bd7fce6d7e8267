package org.quidpro.simulator.report;

import java.awt.BasicStroke;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.quidpro.simulator.community.Request;
import org.quidpro.simulator.community.Round;
import org.quidpro.simulator.report.Simulation.ClassFigures;
import org.quidpro.simulator.scenario.Scenario;

/**
 * Writes a run's report into a directory: {@code summary.txt} (the table printed at the end),
 * {@code rounds.csv} (every round, by class), {@code requests.csv} (every request), PNG charts and
 * {@code index.html} that shows them all.
 */
public final class Report {

    private Report() {}

    public static Path write(Simulation run, List<PaperCheck.Check> checks, Path directory) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("summary.txt"), summary(run, checks));
            Files.writeString(directory.resolve("rounds.csv"), roundsCsv(run));
            Files.writeString(directory.resolve("requests.csv"), requestsCsv(run));
            List<String> charts = new ArrayList<>();
            for (var chart : charts(run).entrySet()) {
                BitmapEncoder.saveBitmap(chart.getValue(), directory.resolve(chart.getKey()).toString(),
                        BitmapEncoder.BitmapFormat.PNG);
                charts.add(chart.getKey() + ".png");
            }
            Files.writeString(directory.resolve("index.html"), html(run, checks, charts));
            return directory.resolve("index.html");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + directory, e);
        }
    }

    /** The summary table by class, and the paper check when there is one. */
    public static String summary(Simulation run, List<PaperCheck.Check> checks) {
        StringBuilder out = new StringBuilder();
        Scenario s = run.scenario();
        out.append(("Scenario %s (scheme %s), community %s: %d peers, %d rounds of %d s simulated (first %d left out "
                + "as warm-up), seed %d%n").formatted(s.name(), s.scheme(), run.community(), run.classes().size(),
                run.rounds().size(), s.roundSeconds(), s.warmupRounds(), s.seed()));
        out.append("%d requests through the gateway in %.1f s (%d waited out a 429/503; %d round(s) not caught up)%n"
                .formatted(run.calls(), run.elapsed().toMillis() / 1000.0, run.waits(), run.lateRounds()));
        int fakes = run.rounds().stream().mapToInt(Round::fakeReceipts).sum();
        if (fakes > 0) {
            out.append("%d fake receipts co-signed by colluders were accepted (both signatures are valid)%n".formatted(fakes));
        }
        out.append('\n');
        boolean files = s.kind() == Scenario.Kind.FILES;
        String header = files
                ? "%-26s %5s %8s %7s %10s %12s %12s %12s %8s %7s %7s %7s%n"
                : "%-26s %5s %8s %7s %10s %12s %12s %9s %7s %7s %7s%n";
        out.append(files
                ? header.formatted("class", "peers", "requests", "served", "mean time", "bandwidth", "coalition",
                        "single", "bytes %", "r p10", "r p50", "r p90")
                : header.formatted("class", "peers", "requests", "served", "complete", "received", "per request",
                        "satisfied", "r p10", "r p50", "r p90"));
        for (ClassFigures f : run.figures().values()) {
            if (files) {
                out.append("%-26s %5d %8d %6.0f%% %9.0fs %12s %12s %12s %7.1f%% %7s %7s %7s%n".formatted(f.label(),
                        f.peers(), f.requests(), 100 * f.servedShare(), f.meanSeconds(), PaperCheck.rate(f.bandwidth()),
                        PaperCheck.rate(f.coalitionBandwidth()), PaperCheck.rate(f.singleBandwidth()),
                        100 * f.shareOfBytes(), num(f.ratingP10()), num(f.ratingP50()), num(f.ratingP90())));
            } else {
                out.append("%-26s %5d %8d %6.0f%% %10d %12d %12.1f %8.0f%% %7s %7s %7s%n".formatted(f.label(),
                        f.peers(), f.requests(), 100 * f.servedShare(), f.complete(), f.bytesReceived(),
                        f.requests() == 0 ? 0.0 : (double) f.bytesReceived() / f.requests(), 100 * f.satisfiedShare(),
                        num(f.ratingP10()), num(f.ratingP50()), num(f.ratingP90())));
            }
        }
        out.append(files ? "(bandwidth: bytes received per peer per simulated second; coalition, single: mean rate of complete "
                + "downloads; "
                + "r: relative rating at the end, 1 = the average peer)\n"
                : "(received: units granted, " + s.community().get("unit") + "; r: relative rating at the end)\n");
        if (!checks.isEmpty()) {
            out.append("\nPaper check:\n");
            for (PaperCheck.Check c : checks) {
                out.append("  [%s] %s: %s%n".formatted(c.holds() ? "holds" : "FAILS", c.claim(), c.figures()));
            }
        }
        return out.toString();
    }

    private static String num(double value) {
        return Double.isNaN(value) ? "-" : "%.2f".formatted(value);
    }

    private static String roundsCsv(Simulation run) {
        StringBuilder csv = new StringBuilder("round,class,peers,requests,served,complete,coalition_downloads,"
                + "bytes_received,mean_seconds,coalition_mean_seconds,single_mean_seconds,planned_coalition_seconds,"
                + "model_solo_seconds,satisfied,rating_p10,rating_p50,rating_p90\n");
        for (Round round : run.rounds()) {
            for (String label : run.labels()) {
                List<Request> mine = round.requests().stream().filter(r -> r.label().equals(label)).toList();
                List<Double> ratings = ratingsOf(run, round, label);
                csv.append(String.join(",", List.of(Integer.toString(round.number()), label,
                        Long.toString(run.classes().values().stream().filter(label::equals).count()),
                        Integer.toString(mine.size()),
                        Long.toString(mine.stream().filter(r -> r.received() > 0).count()),
                        Long.toString(mine.stream().filter(Request::complete).count()),
                        Long.toString(mine.stream().filter(r -> r.mode() == Request.Mode.COALITION).count()),
                        Long.toString(mine.stream().mapToLong(Request::received).sum()),
                        csvNum(Simulation.mean(mine, Request::complete, Request::seconds)),
                        csvNum(Simulation.mean(mine, coalition(), Request::seconds)),
                        csvNum(Simulation.mean(mine, single(), Request::seconds)),
                        csvNum(Simulation.mean(mine, coalition(), Request::plannedSeconds)),
                        csvNum(Simulation.mean(mine, coalition(), Request::soloSeconds)),
                        Long.toString(mine.stream().filter(r -> Boolean.TRUE.equals(r.satisfied())).count()),
                        csvNum(Simulation.percentile(ratings, 0.1)), csvNum(Simulation.percentile(ratings, 0.5)),
                        csvNum(Simulation.percentile(ratings, 0.9))))).append('\n');
            }
        }
        return csv.toString();
    }

    private static String requestsCsv(Simulation run) {
        StringBuilder csv = new StringBuilder("round,peer,class,mode,asked,received,seconds,planned_seconds,"
                + "model_solo_seconds,complete,provider_class,satisfied\n");
        for (Round round : run.rounds()) {
            for (Request r : round.requests()) {
                csv.append("%d,%d,%s,%s,%d,%d,%s,%s,%s,%b,%s,%s%n".formatted(r.round(), r.peer(), r.label(), r.mode(),
                        r.asked(), r.received(), csvNum(r.seconds()), csvNum(r.plannedSeconds()),
                        csvNum(r.soloSeconds()), r.complete(), r.providerLabel() == null ? "" : r.providerLabel(),
                        r.satisfied() == null ? "" : r.satisfied()));
            }
        }
        return csv.toString();
    }

    private static String csvNum(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static Predicate<Request> coalition() {
        return r -> r.complete() && r.mode() == Request.Mode.COALITION;
    }

    private static Predicate<Request> single() {
        return r -> r.complete() && r.mode() == Request.Mode.SINGLE_SOURCE;
    }

    private static List<Double> ratingsOf(Simulation run, Round round, String label) {
        return run.classes().entrySet().stream().filter(e -> e.getValue().equals(label))
                .map(e -> round.ratings().get(e.getKey())).filter(java.util.Objects::nonNull).sorted().toList();
    }

    /** The charts, by file name (without .png). */
    static Map<String, XYChart> charts(Simulation run) {
        Map<String, XYChart> charts = new java.util.LinkedHashMap<>();
        double[] rounds = run.rounds().stream().mapToDouble(Round::number).toArray();
        boolean rated = run.rounds().stream().anyMatch(r -> !r.ratings().isEmpty());

        XYChart ratings = chart("Rating over time by class (median relative score; 1 = the average peer)",
                "round", "relative rating (median of the class)");
        if (rated) {
            for (String label : run.labels()) {
                series(ratings, label, rounds, run.rounds().stream().mapToDouble(r ->
                        Simulation.percentile(ratingsOf(run, r, label), 0.5)).toArray());
            }
            charts.put("rating-by-class", ratings);
        }

        if (run.scenario().kind() == Scenario.Kind.FILES) {
            XYChart times = chart("Download time with and without coalitions (complete downloads, all classes)",
                    "round", "mean download time (simulated s)");
            series(times, "coalition, measured", rounds, perRound(run, coalition(), Request::seconds));
            series(times, "single source, measured", rounds, perRound(run, single(), Request::seconds));
            series(times, "coalition, model t_S", rounds, perRound(run, coalition(), Request::plannedSeconds))
                    .setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
            series(times, "p_0 alone, model t_0", rounds,
                    perRound(run, coalition(), Request::soloSeconds))
                    .setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
            charts.put("download-time", times);
        }

        String unit = run.scenario().kind() == Scenario.Kind.FILES ? "bytes" : String.valueOf(
                run.scenario().community().get("unit")).toLowerCase(Locale.ROOT);
        XYChart share = chart("Share of what was received, by class (" + unit + ")", "round",
                "share of all " + unit + " received in the round (%)");
        for (String label : run.labels()) {
            series(share, label, rounds, run.rounds().stream().mapToDouble(r -> {
                long all = r.requests().stream().mapToLong(Request::received).sum();
                long mine = r.requests().stream().filter(q -> q.label().equals(label)).mapToLong(Request::received).sum();
                return all == 0 ? Double.NaN : 100.0 * mine / all;
            }).toArray());
        }
        charts.put("bandwidth-share", share);

        if (run.scenario().kind() == Scenario.Kind.SERVICE) {
            XYChart servedBy = chart("Who served: share of sessions by the provider's class", "round",
                    "share of the round's sessions (%)");
            List<String> providers = run.rounds().stream().flatMap(r -> r.requests().stream())
                    .map(Request::providerLabel).filter(java.util.Objects::nonNull).distinct().toList();
            for (String label : providers) {
                series(servedBy, label, rounds, run.rounds().stream().mapToDouble(r -> {
                    long all = r.requests().stream().filter(q -> q.providerLabel() != null && q.received() > 0).count();
                    long mine = r.requests().stream().filter(q -> label.equals(q.providerLabel()) && q.received() > 0)
                            .count();
                    return all == 0 ? Double.NaN : 100.0 * mine / all;
                }).toArray());
            }
            charts.put("served-by", servedBy);
        }
        return charts;
    }

    private static double[] perRound(Simulation run, Predicate<Request> which, ToDoubleFunction<Request> value) {
        return run.rounds().stream().mapToDouble(r -> Simulation.mean(r.requests(), which, value)).toArray();
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(900).height(520).title(title).xAxisTitle(x).yAxisTitle(y).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setXAxisDecimalPattern("0");
        return chart;
    }

    /** A line with markers; rounds without a value (NaN) leave a gap. */
    private static XYSeries series(XYChart chart, String name, double[] x, double[] y) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.CIRCLE);
        return series;
    }

    private static String html(Simulation run, List<PaperCheck.Check> checks, List<String> charts) {
        StringBuilder page = new StringBuilder("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>quidpro simulation: %s</title>
                <style>body{font-family:sans-serif;max-width:960px;margin:2em auto}pre{background:#f6f6f6;padding:1em;\
                overflow-x:auto}img{max-width:100%%;border:1px solid #ddd;margin:1em 0}.holds{color:#070}.fails{color:#b00}\
                </style></head><body>
                <h1>quidpro simulation: %s</h1>
                """.formatted(escape(run.scenario().name()), escape(run.scenario().name())));
        page.append("<h2>Summary</h2><pre>").append(escape(summary(run, List.of()))).append("</pre>\n");
        if (!checks.isEmpty()) {
            page.append("<h2>Paper check</h2><ul>\n");
            for (PaperCheck.Check c : checks) {
                page.append("<li class=\"%s\"><b>%s</b> %s: %s</li>%n".formatted(c.holds() ? "holds" : "fails",
                        c.holds() ? "holds" : "FAILS", escape(c.claim()), escape(c.figures())));
            }
            page.append("</ul>\n");
        }
        page.append("<h2>Charts</h2>\n");
        for (String chart : charts) {
            page.append("<img src=\"%s\" alt=\"%s\">%n".formatted(chart, chart));
        }
        page.append("<p>Data: <a href=\"rounds.csv\">rounds.csv</a> (every round, by class), "
                + "<a href=\"requests.csv\">requests.csv</a> (every request).</p>\n</body></html>\n");
        return page.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
