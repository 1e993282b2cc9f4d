package io.zerowaste.lifecycle.update;

import io.zerowaste.core.metrics.CostCurves;
import io.zerowaste.core.metrics.CurvePoint;
import io.zerowaste.exits.eval.ExitOutputs;
import io.zerowaste.exits.eval.MethodReport;
import io.zerowaste.exits.method.EarlyExitMethod;
import io.zerowaste.nn.bundle.Lineage;

/**
 * Chooses the updated model's exit threshold on validation outputs, by the same rule as its parent: the best
 * accuracy within a compute budget, or the cheapest point within an accuracy drop of the backbone.
 *
 * @param rule {@link Lineage#BUDGET} or {@link Lineage#MAX_DROP}
 */
public record Recalibration(String rule, double ruleValue, MethodReport report, double backboneValAccuracy, CurvePoint chosen) {

    public static Recalibration of(EarlyExitMethod method, ExitOutputs validation, double[] exitCost, String rule, double value) {
        MethodReport r = MethodReport.of(method, validation, validation, exitCost);
        double backbone = CostCurves.perHeadAccuracy(validation.predictions(), validation.labels())[validation.exits() - 1];
        int i;
        if (Lineage.BUDGET.equals(rule)) {
            i = r.forBudget(value);
            if (i < 0) { // nothing fits the budget: the cheapest point comes closest
                i = cheapest(r);
            }
        } else {
            i = r.forMaxDrop(backbone, value);
        }
        return new Recalibration(rule, value, r, backbone, r.validationCurve().get(i));
    }

    private static int cheapest(MethodReport r) {
        int best = 0;
        for (int k = 1; k < r.validationCurve().size(); k++) {
            if (r.validationCurve().get(k).costFraction() < r.validationCurve().get(best).costFraction()) {
                best = k;
            }
        }
        return best;
    }

    /** The rule in words, as the bundle's {@code param_rule} records it. */
    public String describe() {
        return Lineage.BUDGET.equals(rule)
                ? "best validation accuracy within " + Math.round(100 * ruleValue) + " % of the backbone's cost (recalibrated by update)"
                : "cheapest validation point within " + (100 * ruleValue) + " points of the backbone (recalibrated by update)";
    }
}
