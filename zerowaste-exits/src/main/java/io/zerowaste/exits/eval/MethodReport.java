package io.zerowaste.exits.eval;

import io.zerowaste.core.metrics.CostCurves;
import io.zerowaste.core.metrics.CurvePoint;
import io.zerowaste.core.result.ChosenPoint;
import io.zerowaste.core.result.MethodMetrics;
import io.zerowaste.exits.method.EarlyExitMethod;
import io.zerowaste.exits.policy.ExitPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The offline evaluation of one method: the parameter sweep on validation and test, the budget table
 * (parameter chosen on validation, accuracy reported on test), area, per-head accuracy and hindsight
 * improvability.
 *
 * @param oracleMaxAccuracy the best test accuracy over the sweep: an oracle, since it looks at the test labels
 * @param validationChosenMaxAccuracy the test accuracy at the parameter with the best validation accuracy
 */
public record MethodReport(
        String method,
        List<CurvePoint> validationCurve,
        List<CurvePoint> testCurve,
        Map<String, Double> budgetAccuracy,
        double oracleMaxAccuracy,
        double validationChosenMaxAccuracy,
        double auc,
        double[] perHeadAccuracy,
        double[] hindsightImprovability,
        double[] exitCostFraction) {

    public static final double[] BUDGETS = {0.25, 0.50, 0.75, 1.00};

    public static MethodReport of(EarlyExitMethod method, ExitOutputs validation, ExitOutputs test, double[] exitCost) {
        List<ExitPolicy> policies = new ArrayList<>();
        for (double p : method.sweep(validation.exits() - 1)) {
            policies.add(method.policy(p));
        }
        List<CurvePoint> val = ExitSimulator.sweep(policies, validation, exitCost);
        List<CurvePoint> tst = ExitSimulator.sweep(policies, test, exitCost);
        Map<String, Double> budget = new LinkedHashMap<>();
        for (double b : BUDGETS) {
            int i = CostCurves.chooseForBudget(val, b);
            budget.put(Integer.toString((int) Math.round(100 * b)), i < 0 ? null : tst.get(i).accuracy());
        }
        double oracle = tst.stream().mapToDouble(CurvePoint::accuracy).max().orElse(Double.NaN);
        int bestVal = CostCurves.chooseForBudget(val, Double.MAX_VALUE);
        double chosen = bestVal < 0 ? Double.NaN : tst.get(bestVal).accuracy();
        int[][] pred = test.predictions();
        return new MethodReport(method.name(), val, tst, budget, oracle, chosen, CostCurves.auc(tst),
                CostCurves.perHeadAccuracy(pred, test.labels()), CostCurves.hindsightImprovability(pred, test.labels()),
                exitCost);
    }

    /** Index of the parameter for a budget (fraction of the backbone), chosen on validation; −1 if none fits. */
    public int forBudget(double budget) {
        return CostCurves.chooseForBudget(validationCurve, budget);
    }

    /** Index of the cheapest parameter whose validation accuracy is at most {@code drop} below {@code reference}. */
    public int forMaxDrop(double reference, double drop) {
        int i = CostCurves.chooseForAccuracyFloor(validationCurve, reference - drop);
        return i >= 0 ? i : bestValidation();
    }

    /** Index of the parameter with the best validation accuracy. */
    public int bestValidation() {
        return CostCurves.chooseForBudget(validationCurve, Double.MAX_VALUE);
    }

    /** The typed metrics written to results.json (the calibrated or chosen setting is added by the caller). */
    public MethodMetrics toMetrics() {
        return new MethodMetrics(budgetAccuracy, num(oracleMaxAccuracy), num(validationChosenMaxAccuracy), null, num(auc),
                toList(perHeadAccuracy), toList(hindsightImprovability), toList(exitCostFraction), testCurve, validationCurve,
                null, null, null, null);
    }

    /** A chosen point: its test accuracy and cost, and the validation figures it was chosen on. */
    public ChosenPoint chosen(int index) {
        CurvePoint t = testCurve.get(index);
        CurvePoint v = validationCurve.get(index);
        return new ChosenPoint(t.param(), t.accuracy(), t.costFraction(), v.accuracy(), v.costFraction());
    }

    private static Double num(double v) {
        return Double.isNaN(v) ? null : v;
    }

    static List<Double> toList(double[] a) {
        List<Double> l = new ArrayList<>();
        for (double v : a) {
            l.add(Double.isNaN(v) ? null : v);
        }
        return l;
    }
}
