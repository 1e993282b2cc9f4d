package io.zerowaste.report;

import io.zerowaste.core.result.ChosenPoint;
import io.zerowaste.core.result.ExitsMetrics;
import io.zerowaste.core.result.MethodMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;

/** Early exits: accuracy against cost per method with the backbone as a point, budget table, per-head accuracy, head cost. */
final class ExitsSection implements Section {

    private static final List<String> BUDGETS = List.of("25", "50", "75", "100");

    @Override
    public String kind() {
        return "exits";
    }

    @Override
    public String title() {
        return "Recycled computation: early exits";
    }

    @Override
    public String render(List<ReportRun> runs) {
        XYChart curve = Charts.xy("Accuracy against compute", "cost (% of the backbone)", "test accuracy (%)");
        XYChart heads = Charts.xy("Accuracy of each exit", "head (last = final classifier)", "test accuracy (%)");
        XYChart overhead = Charts.xy("Cost of exiting at each head", "head", "cumulative cost (% of the backbone)");
        List<List<String>> budgetRows = new ArrayList<>();
        List<List<String>> chosenRows = new ArrayList<>();
        for (ReportRun run : runs) {
            ExitsMetrics m = run.metricsAs(ExitsMetrics.class);
            for (Map.Entry<String, MethodMetrics> e : m.methods().entrySet()) {
                String name = Section.series(runs, run, e.getKey().toUpperCase());
                MethodMetrics method = e.getValue();
                List<Double> x = new ArrayList<>();
                List<Double> y = new ArrayList<>();
                method.curve().forEach(p -> {
                    x.add(100 * p.costFraction());
                    y.add(100 * p.accuracy());
                });
                Charts.line(curve, name, x, y);
                List<Double> perHead = Section.nanForNull(method.perHeadAccuracy());
                Charts.line(heads, name, Section.oneTo(perHead.size()), Section.percent(perHead));
                List<String> row = new ArrayList<>();
                row.add(Html.escape(name));
                BUDGETS.forEach(b -> row.add(Html.pct(method.budgetAccuracy().get(b))));
                row.add(Html.pct(method.validationChosenMaxAccuracy()));
                row.add(Html.pct(method.oracle()));
                row.add(Html.pct(method.auc()));
                budgetRows.add(row);
                ChosenPoint chosen = method.chosen();
                if (chosen != null) {
                    chosenRows.add(List.of(Html.escape(name), Html.num(chosen.param(), 4), Html.pct(chosen.accuracy()),
                            Html.pct(chosen.costFraction())));
                }
            }
            Double backbone = m.backboneTestAccuracy();
            if (backbone != null) {
                Charts.points(curve, Section.series(runs, run, "backbone"), List.of(100.0), List.of(100 * backbone));
                budgetRows.add(List.of(Html.escape(Section.series(runs, run, "backbone")), "—", "—", "—", Html.pct(backbone), "—", "—", "—"));
            }
            List<Double> headCost = Section.nanForNull(m.headCostFraction());
            Charts.line(overhead, Section.series(runs, run, "cost of exiting"), Section.oneTo(headCost.size()), Section.percent(headCost));
        }
        StringBuilder sb = new StringBuilder();
        sb.append(Html.figure("exits-cost-curve", curve,
                "Each method's threshold swept on the test set: accuracy against the mean cost per sample."));
        sb.append("<h3>Accuracy within a compute budget (%)</h3>\n");
        sb.append(Html.table("exits-budget", List.of("method", "25%", "50%", "75%", "100%", "max (validation-chosen)", "oracle max", "AUC %"), budgetRows));
        if (!chosenRows.isEmpty()) {
            sb.append("<h3>Chosen operating point</h3>\n");
            sb.append(Html.table("exits-chosen", List.of("method", "threshold", "accuracy (%)", "cost (%)"), chosenRows));
        }
        sb.append(Html.figure("exits-per-head", heads, "Accuracy if every sample left at that head."));
        sb.append(Html.figure("exits-head-overhead", overhead,
                "Backbone stages plus the heads run so far, as a fraction of the plain backbone: the price of an exit."));
        return sb.toString();
    }
}
