package io.zerowaste.core.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.zerowaste.core.metrics.CurvePoint;
import java.util.List;
import java.util.Map;

/**
 * One early-exit method, evaluated offline: test accuracy at each budget ("25", "50", "75", "100" % of the
 * backbone; null when no setting fits, chosen on validation), the validation-chosen and the oracle maximum, the
 * curve's area, per-head accuracy, hindsight improvability, each exit's cost, and both curves.
 *
 * @param maxAccuracy read only: results written before the oracle was named held it under this key
 * @param defaultParam {@code exits train}: the calibrated setting (cheapest within 0.5 points of the backbone on validation)
 * @param chosen {@code exits eval}: the setting chosen by --threshold, --budget or --max-drop
 */
public record MethodMetrics(
        Map<String, Double> budgetAccuracy,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double oracleMaxAccuracy,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double validationChosenMaxAccuracy,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double maxAccuracy,
        Double auc,
        List<Double> perHeadAccuracy,
        List<Double> hindsightImprovability,
        List<Double> exitCostFraction,
        List<CurvePoint> curve,
        List<CurvePoint> validationCurve,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double defaultParam,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Double> defaultExitFractions,
        @JsonInclude(JsonInclude.Include.NON_NULL) ChosenPoint chosen,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Double> chosenExitFractions) {

    /** The oracle maximum, from either key. */
    public Double oracle() {
        return oracleMaxAccuracy != null ? oracleMaxAccuracy : maxAccuracy;
    }

    /** The same metrics as {@code exits train} reports them, with the calibrated setting. */
    public MethodMetrics withDefault(double param, List<Double> exitFractions) {
        return new MethodMetrics(budgetAccuracy, oracleMaxAccuracy, validationChosenMaxAccuracy, maxAccuracy, auc, perHeadAccuracy,
                hindsightImprovability, exitCostFraction, curve, validationCurve, param, exitFractions, chosen, chosenExitFractions);
    }

    /** The same metrics as {@code exits eval} reports them, with the chosen setting. */
    public MethodMetrics withChosen(ChosenPoint point, List<Double> exitFractions) {
        return new MethodMetrics(budgetAccuracy, oracleMaxAccuracy, validationChosenMaxAccuracy, maxAccuracy, auc, perHeadAccuracy,
                hindsightImprovability, exitCostFraction, curve, validationCurve, defaultParam, defaultExitFractions, point, exitFractions);
    }
}
