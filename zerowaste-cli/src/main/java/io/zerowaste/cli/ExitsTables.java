package io.zerowaste.cli;

import io.zerowaste.core.metrics.CurvePoint;
import io.zerowaste.core.result.ChosenPoint;
import io.zerowaste.core.result.ExitsMetrics;
import io.zerowaste.core.result.MethodMetrics;
import io.zerowaste.core.result.Table;
import io.zerowaste.exits.app.ExitsEvaluation;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The early-exit tables printed on stdout, read from the typed results. */
final class ExitsTables {

    private ExitsTables() {}

    /** method | 25% 50% 75% 100% | max (validation-chosen) | oracle max | AUC, all in %, and the backbone's row. */
    static String budgetTable(ExitsMetrics r) {
        Table t = new Table("method", "25%", "50%", "75%", "100%", "max", "oracle max", "AUC");
        for (Map.Entry<String, MethodMetrics> e : r.methods().entrySet()) {
            MethodMetrics m = e.getValue();
            Map<String, Double> b = m.budgetAccuracy();
            t.row(e.getKey().toUpperCase(Locale.ROOT), pct(b.get("25")), pct(b.get("50")), pct(b.get("75")), pct(b.get("100")),
                    pct(m.validationChosenMaxAccuracy()), pct(m.oracle()), pct(m.auc()));
        }
        t.row("backbone", null, null, null, pct(r.backboneTestAccuracy()), null, null, null);
        return "test accuracy % at a compute budget (fraction of the backbone; setting chosen on validation; max: at the best "
                + "validation point; oracle max: the best test point, for reference only)\n" + t;
    }

    /** Where the saved compute comes from: each method's default setting, its cost and where samples leave. */
    static String savings(ExitsMetrics r) {
        StringBuilder sb = new StringBuilder("where the saved compute comes from (calibrated setting: cheapest within 0.5 points "
                + "of the backbone on validation; test split)\n");
        Table t = new Table("method", "setting", "accuracy %", "cost %", "saved %", "exits per head % (cost of exiting there %)");
        List<Double> cost = r.headCostFraction();
        for (Map.Entry<String, MethodMetrics> e : r.methods().entrySet()) {
            MethodMetrics m = e.getValue();
            double param = m.defaultParam();
            CurvePoint point = m.curve().stream().filter(p -> p.param() == param).reduce((a, b) -> b).orElse(null);
            List<Double> fr = m.defaultExitFractions();
            StringBuilder exits = new StringBuilder();
            for (int i = 0; fr != null && i < fr.size(); i++) {
                exits.append(String.format("%s%.0f (%.0f)", i == 0 ? "" : ", ", 100 * fr.get(i), 100 * cost.get(i)));
            }
            double c = point == null ? Double.NaN : point.costFraction();
            t.row(e.getKey().toUpperCase(Locale.ROOT), param, point == null ? null : Table.pct(point.accuracy()),
                    String.format("%.1f", 100 * c), String.format("%.1f", 100 * (1 - c)), exits);
        }
        return sb.append(t).toString();
    }

    static String chosen(ExitsEvaluation.Outcome o) {
        ChosenPoint c = o.chosen();
        StringBuilder exits = new StringBuilder();
        for (int i = 0; i < o.exitFractions().size(); i++) {
            exits.append(String.format("%s%.1f", i == 0 ? "" : ", ", 100 * o.exitFractions().get(i)));
        }
        return new Table("chosen " + o.method().toUpperCase(Locale.ROOT) + " setting", String.valueOf(c.param()))
                .row("test accuracy %", Table.pct(c.accuracy()))
                .row("test cost % of backbone", String.format("%.1f", 100 * c.costFraction()))
                .row("validation accuracy %", Table.pct(c.validationAccuracy()))
                .row("exits per head %", exits)
                .toString();
    }

    static String pct(Double fraction) {
        return fraction == null ? null : Table.pct(fraction);
    }
}
