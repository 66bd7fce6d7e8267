package org.quidpro.simulator.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.quidpro.simulator.community.Request;
import org.quidpro.simulator.report.Simulation.ClassFigures;

/**
 * The coalition paper's qualitative results, checked on a finished file-sharing run. Each holds or not;
 * a class the scenario does not have is left out. "Markedly" is a ratio of at most {@link #MARKEDLY}.
 * <ul>
 *   <li>free-riders end with markedly less download bandwidth than cooperators;</li>
 *   <li>coalition downloads finish faster than single-source ones, by at least half the speed-up the model
 *       predicts for those coalitions (t_0 / t_S, eqs. 1-2), and by more than {@link #FASTER};</li>
 *   <li>whitewashers gain nothing by resetting: no more bandwidth than free-riders that keep their
 *       identity (within {@link #SAME}), and markedly less than cooperators;</li>
 *   <li>colluders' fake receipts do not lift them: their median rating stays below the cooperators'
 *       median, and their bandwidth markedly below the cooperators'.</li>
 * </ul>
 */
public final class PaperCheck {

    public static final double MARKEDLY = 0.6;
    public static final double FASTER = 1.2;
    public static final double SAME = 1.1;

    public record Check(String claim, boolean holds, String figures) {}

    private PaperCheck() {}

    public static List<Check> of(Simulation run) {
        Map<String, ClassFigures> by = run.figures();
        ClassFigures cooperators = by.get("cooperator");
        List<Check> checks = new ArrayList<>();
        if (cooperators == null) {
            return checks;
        }
        ClassFigures freeRiders = by.get("free-rider");
        if (freeRiders != null) {
            checks.add(new Check("free-riders end with markedly less download bandwidth than cooperators",
                    freeRiders.bandwidth() <= MARKEDLY * cooperators.bandwidth(),
                    "free-riders %s vs cooperators %s: ratio %.2f (at most %.2f)".formatted(rate(freeRiders.bandwidth()),
                            rate(cooperators.bandwidth()), freeRiders.bandwidth() / cooperators.bandwidth(), MARKEDLY)));
        }
        List<Request> coop = run.measured().stream().filter(r -> r.label().equals("cooperator")).toList();
        double predicted = Simulation.mean(coop, r -> r.mode() == Request.Mode.COALITION && r.complete(),
                r -> r.soloSeconds() / r.plannedSeconds());
        double measured = cooperators.coalitionBandwidth() / cooperators.singleBandwidth();
        if (!Double.isNaN(predicted) && !Double.isNaN(measured)) {
            checks.add(new Check("coalition downloads finish faster than single-source ones by the margin the model "
                    + "predicts", measured >= FASTER && measured >= 0.5 * predicted,
                    ("cooperators' coalition downloads %s vs single-source %s: measured speed-up %.2f, the model's "
                            + "t_0/t_S for those coalitions %.2f (need >= %.1f and >= half of it)").formatted(
                                    rate(cooperators.coalitionBandwidth()), rate(cooperators.singleBandwidth()),
                                    measured, predicted, FASTER)));
        }
        ClassFigures whitewashers = by.get("whitewasher");
        if (whitewashers != null && freeRiders != null) {
            checks.add(new Check("whitewashers gain nothing by resetting",
                    whitewashers.bandwidth() <= SAME * freeRiders.bandwidth()
                            && whitewashers.bandwidth() <= MARKEDLY * cooperators.bandwidth(),
                    "whitewashers %s vs free-riders %s (at most %.1fx) and cooperators %s (at most %.2fx)".formatted(
                            rate(whitewashers.bandwidth()), rate(freeRiders.bandwidth()), SAME,
                            rate(cooperators.bandwidth()), MARKEDLY)));
        }
        ClassFigures colluders = by.get("colluder");
        if (colluders != null) {
            boolean rated = !Double.isNaN(cooperators.ratingP50());
            checks.add(new Check("colluders' fake receipts do not lift them above honest cooperators",
                    (!rated || colluders.ratingP50() < cooperators.ratingP50())
                            && colluders.bandwidth() <= MARKEDLY * cooperators.bandwidth(),
                    "median rating colluders %.3f vs cooperators %.3f; bandwidth %s vs %s (at most %.2fx)".formatted(
                            colluders.ratingP50(), cooperators.ratingP50(), rate(colluders.bandwidth()),
                            rate(cooperators.bandwidth()), MARKEDLY)));
        }
        return checks;
    }

    public static boolean allHold(List<Check> checks) {
        return !checks.isEmpty() && checks.stream().allMatch(Check::holds);
    }

    static String rate(double bytesPerSecond) {
        return Double.isNaN(bytesPerSecond) ? "n/a" : "%.1f KB/s".formatted(bytesPerSecond / 1000);
    }
}
