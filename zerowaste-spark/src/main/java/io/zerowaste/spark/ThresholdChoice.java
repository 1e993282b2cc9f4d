package io.zerowaste.spark;

import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.metrics.CostCurves;
import io.zerowaste.core.metrics.CurvePoint;
import io.zerowaste.core.result.ExitsBundleInfo;
import java.util.List;

/**
 * The exit setting {@link ZeroWasteSpark#predict} uses, resolved once on the driver from the options and the
 * validation curve the bundle was calibrated on (the same choice rules as {@code exits eval}).
 */
final class ThresholdChoice {

    private ThresholdChoice() {}

    static double resolve(ExitsBundleInfo info, SparkExitOptions o, String bundle) {
        if (o.threshold() != null) {
            return o.threshold();
        }
        if (o.budget() == null && o.maxDrop() == null) {
            return info.param();
        }
        List<CurvePoint> curve = info.validationCurve();
        if (curve == null || curve.isEmpty()) {
            throw ZeroWasteException.badInput("the bundle " + bundle + " records no validation curve to choose --budget or "
                    + "--max-drop on (pass --threshold, or run 'zerowaste spark calibrate' and use its threshold)");
        }
        if (o.budget() != null) {
            int i = CostCurves.chooseForBudget(curve, o.budget());
            if (i < 0) {
                throw ZeroWasteException.badInput(String.format("no setting of %s fits a budget of %.2f of the backbone "
                        + "(the cheapest costs %.3f); raise --budget", info.method(), o.budget(),
                        curve.stream().mapToDouble(CurvePoint::costFraction).min().orElse(Double.NaN)));
            }
            return curve.get(i).param();
        }
        if (info.backboneValAccuracy() == null) {
            throw ZeroWasteException.badInput("the bundle " + bundle + " records no backbone validation accuracy for --max-drop "
                    + "(pass --threshold or --budget)");
        }
        int i = CostCurves.chooseForAccuracyFloor(curve, info.backboneValAccuracy() - o.maxDrop() / 100);
        return curve.get(i >= 0 ? i : CostCurves.chooseForBudget(curve, Double.MAX_VALUE)).param();
    }
}
