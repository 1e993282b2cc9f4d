package io.zerowaste.cli;

import io.zerowaste.core.io.Json;
import io.zerowaste.core.result.ResultEnvelope;
import io.zerowaste.core.result.Table;
import io.zerowaste.exits.app.ExitsEvaluation;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The early-exit tables printed on stdout, read from the results record. */
final class ExitsTables {

    private ExitsTables() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        return Json.MAPPER.convertValue(o, Map.class);
    }

    /** method | 25% 50% 75% 100% | max (validation-chosen) | oracle max | AUC, all in %, and the backbone's row. */
    static String budgetTable(ResultEnvelope r) {
        Map<String, Object> methods = asMap(r.metrics().get("methods"));
        Table t = new Table("method", "25%", "50%", "75%", "100%", "max", "oracle max", "AUC");
        methods.forEach((name, v) -> {
            Map<String, Object> m = asMap(v);
            Map<String, Object> b = asMap(m.get("budget_accuracy"));
            t.row(name.toUpperCase(Locale.ROOT), pct(b.get("25")), pct(b.get("50")), pct(b.get("75")), pct(b.get("100")),
                    pct(m.get("validation_chosen_max_accuracy")), pct(m.getOrDefault("oracle_max_accuracy", m.get("max_accuracy"))),
                    pct(m.get("auc")));
        });
        t.row("backbone", null, null, null, pct(r.metrics().get("backbone_test_accuracy")), null, null, null);
        return "test accuracy % at a compute budget (fraction of the backbone; setting chosen on validation; max: at the best "
                + "validation point; oracle max: the best test point, for reference only)\n" + t;
    }

    /** Where the saved compute comes from: each method's default setting, its cost and where samples leave. */
    static String savings(ResultEnvelope r) {
        Map<String, Object> methods = asMap(r.metrics().get("methods"));
        List<?> cost = (List<?>) Json.MAPPER.convertValue(r.metrics().get("head_cost_fraction"), List.class);
        StringBuilder sb = new StringBuilder("where the saved compute comes from (calibrated setting: cheapest within 0.5 points "
                + "of the backbone on validation; test split)\n");
        Table t = new Table("method", "setting", "accuracy %", "cost %", "saved %", "exits per head % (cost of exiting there %)");
        methods.forEach((name, v) -> {
            Map<String, Object> m = asMap(v);
            double param = ((Number) m.get("default_param")).doubleValue();
            List<?> curve = (List<?>) m.get("curve");
            Map<String, Object> point = null;
            for (Object o : curve) {
                Map<String, Object> p = asMap(o);
                if (((Number) p.get("param")).doubleValue() == param) {
                    point = p;
                }
            }
            List<?> fr = (List<?>) m.get("default_exit_fractions");
            StringBuilder exits = new StringBuilder();
            for (int i = 0; fr != null && i < fr.size(); i++) {
                exits.append(String.format("%s%.0f (%.0f)", i == 0 ? "" : ", ", 100 * ((Number) fr.get(i)).doubleValue(),
                        100 * ((Number) cost.get(i)).doubleValue()));
            }
            double c = point == null ? Double.NaN : ((Number) point.get("cost_fraction")).doubleValue();
            t.row(name.toUpperCase(Locale.ROOT), param, point == null ? null : pct(point.get("accuracy")), String.format("%.1f", 100 * c),
                    String.format("%.1f", 100 * (1 - c)), exits);
        });
        return sb.append(t).toString();
    }

    static String chosen(ExitsEvaluation.Outcome o) {
        Map<String, Object> c = o.chosen();
        StringBuilder exits = new StringBuilder();
        for (int i = 0; i < o.exitFractions().size(); i++) {
            exits.append(String.format("%s%.1f", i == 0 ? "" : ", ", 100 * o.exitFractions().get(i)));
        }
        return new Table("chosen " + o.method().toUpperCase(Locale.ROOT) + " setting", String.valueOf(c.get("param")))
                .row("test accuracy %", pct(c.get("accuracy")))
                .row("test cost % of backbone", String.format("%.1f", 100 * ((Number) c.get("cost_fraction")).doubleValue()))
                .row("validation accuracy %", pct(c.get("validation_accuracy")))
                .row("exits per head %", exits)
                .toString();
    }

    static String pct(Object fraction) {
        return fraction instanceof Number n ? Table.pct(n.doubleValue()) : null;
    }
}
