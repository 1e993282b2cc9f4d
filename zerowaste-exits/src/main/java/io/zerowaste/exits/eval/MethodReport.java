package io.zerowaste.exits.eval;

import io.zerowaste.core.metrics.CostCurves;
import io.zerowaste.core.metrics.CurvePoint;
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

    /**
     * The metrics: budget_accuracy, oracle_max_accuracy, validation_chosen_max_accuracy, auc, per_head_accuracy,
     * hindsight_improvability, exit_cost_fraction, curve (test) and validation_curve. Results written before the
     * oracle was named as such hold it under max_accuracy.
     */
    public Map<String, Object> toMetrics() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("budget_accuracy", budgetAccuracy);
        m.put("oracle_max_accuracy", oracleMaxAccuracy);
        m.put("validation_chosen_max_accuracy", validationChosenMaxAccuracy);
        m.put("auc", auc);
        m.put("per_head_accuracy", toList(perHeadAccuracy));
        m.put("hindsight_improvability", toList(hindsightImprovability));
        m.put("exit_cost_fraction", toList(exitCostFraction));
        m.put("curve", testCurve);
        m.put("validation_curve", validationCurve);
        return m;
    }

    /** A chosen point for the results: {param, accuracy, cost_fraction} on test. */
    public Map<String, Object> chosen(int index) {
        Map<String, Object> c = new LinkedHashMap<>();
        CurvePoint t = testCurve.get(index);
        c.put("param", t.param());
        c.put("accuracy", t.accuracy());
        c.put("cost_fraction", t.costFraction());
        c.put("validation_accuracy", validationCurve.get(index).accuracy());
        c.put("validation_cost_fraction", validationCurve.get(index).costFraction());
        return c;
    }

    static List<Double> toList(double[] a) {
        List<Double> l = new ArrayList<>();
        for (double v : a) {
            l.add(Double.isNaN(v) ? null : v);
        }
        return l;
    }
}
