package io.zerowaste.report;

import com.fasterxml.jackson.databind.JsonNode;
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
            JsonNode m = run.metrics();
            for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) m.path("methods")::fields) {
                String name = Section.series(runs, run, e.getKey().toUpperCase());
                JsonNode method = e.getValue();
                List<Double> x = new ArrayList<>();
                List<Double> y = new ArrayList<>();
                method.path("curve").forEach(p -> {
                    x.add(100 * p.path("cost_fraction").asDouble());
                    y.add(100 * p.path("accuracy").asDouble());
                });
                Charts.line(curve, name, x, y);
                List<Double> perHead = Section.doubles(method.path("per_head_accuracy"));
                Charts.line(heads, name, Section.oneTo(perHead.size()), Section.percent(perHead));
                List<String> row = new ArrayList<>();
                row.add(Html.escape(name));
                BUDGETS.forEach(b -> row.add(Html.pct(Section.value(method.path("budget_accuracy").get(b)))));
                row.add(Html.pct(Section.value(method.get("validation_chosen_max_accuracy"))));
                JsonNode oracle = method.has("oracle_max_accuracy") ? method.get("oracle_max_accuracy") : method.get("max_accuracy");
                row.add(Html.pct(Section.value(oracle)));
                row.add(Html.pct(Section.value(method.get("auc"))));
                budgetRows.add(row);
                JsonNode chosen = method.get("chosen");
                if (chosen != null && !chosen.isNull()) {
                    chosenRows.add(List.of(Html.escape(name), Html.num(Section.value(chosen.get("param")), 4),
                            Html.pct(Section.value(chosen.get("accuracy"))), Html.pct(Section.value(chosen.get("cost_fraction")))));
                }
            }
            Double backbone = Section.value(m.get("backbone_test_accuracy"));
            if (backbone != null) {
                Charts.points(curve, Section.series(runs, run, "backbone"), List.of(100.0), List.of(100 * backbone));
                budgetRows.add(List.of(Html.escape(Section.series(runs, run, "backbone")), "—", "—", "—", Html.pct(backbone), "—", "—", "—"));
            }
            List<Double> headCost = Section.doubles(m.path("head_cost_fraction"));
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
