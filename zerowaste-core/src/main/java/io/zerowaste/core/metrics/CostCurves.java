package io.zerowaste.core.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Pure functions over accuracy-versus-cost curves: area, budget choice, and exit statistics. */
public final class CostCurves {

    private CostCurves() {}

    /** Accuracy and mean cost of one exit assignment: sample k exits at {@code exit[k]} predicting {@code pred[k]}. */
    public static CurvePoint point(double param, int[] exit, int[] pred, int[] labels, double[] exitCostFraction) {
        int correct = 0;
        double cost = 0;
        for (int k = 0; k < labels.length; k++) {
            if (pred[k] == labels[k]) {
                correct++;
            }
            cost += exitCostFraction[exit[k]];
        }
        return new CurvePoint(param, (double) correct / labels.length, cost / labels.length);
    }

    /**
     * Area under the budget curve on cost ∈ [0, 1]: ∫ A(c) dc where A(c) is the best accuracy of any point
     * whose cost is at most c (0 where none fits). A(c) is what a user can get for budget c, so the area
     * does not depend on how densely the parameter was swept.
     */
    public static double auc(List<CurvePoint> curve) {
        List<CurvePoint> sorted = new ArrayList<>(curve);
        sorted.sort(Comparator.comparingDouble(CurvePoint::costFraction));
        double area = 0;
        double best = 0;
        double prevCost = 0;
        for (CurvePoint p : sorted) {
            double c = Math.min(1, Math.max(0, p.costFraction()));
            area += best * (c - prevCost);
            prevCost = c;
            best = Math.max(best, p.accuracy());
            if (p.costFraction() >= 1) {
                break;
            }
        }
        area += best * (1 - prevCost);
        return area;
    }

    /**
     * The parameter index chosen for a budget: on {@code validation}, the best accuracy among points whose
     * cost is at most {@code budget}; ties go to the cheaper point. −1 when no point fits.
     */
    public static int chooseForBudget(List<CurvePoint> validation, double budget) {
        int best = -1;
        for (int i = 0; i < validation.size(); i++) {
            CurvePoint p = validation.get(i);
            if (p.costFraction() > budget + 1e-12) {
                continue;
            }
            if (best < 0 || p.accuracy() > validation.get(best).accuracy()
                    || (p.accuracy() == validation.get(best).accuracy() && p.costFraction() < validation.get(best).costFraction())) {
                best = i;
            }
        }
        return best;
    }

    /**
     * The cheapest point on {@code validation} whose accuracy is at least {@code floor}; −1 when none.
     */
    public static int chooseForAccuracyFloor(List<CurvePoint> validation, double floor) {
        int best = -1;
        for (int i = 0; i < validation.size(); i++) {
            CurvePoint p = validation.get(i);
            if (p.accuracy() + 1e-12 >= floor && (best < 0 || p.costFraction() < validation.get(best).costFraction())) {
                best = i;
            }
        }
        return best;
    }

    /** Accuracy of each head's own prediction: {@code pred[k][h]} against {@code labels[k]}. */
    public static double[] perHeadAccuracy(int[][] pred, int[] labels) {
        int heads = pred.length == 0 ? 0 : pred[0].length;
        double[] acc = new double[heads];
        for (int k = 0; k < labels.length; k++) {
            for (int h = 0; h < heads; h++) {
                if (pred[k][h] == labels[k]) {
                    acc[h]++;
                }
            }
        }
        for (int h = 0; h < heads; h++) {
            acc[h] /= labels.length;
        }
        return acc;
    }

    /**
     * Hindsight improvability per head: of the samples head h gets wrong, the fraction that some earlier
     * head got right (NaN for head 0, which has no earlier head, and for a head that is never wrong).
     */
    public static double[] hindsightImprovability(int[][] pred, int[] labels) {
        int heads = pred.length == 0 ? 0 : pred[0].length;
        double[] out = new double[heads];
        for (int h = 0; h < heads; h++) {
            int wrong = 0;
            int rescued = 0;
            for (int k = 0; k < labels.length; k++) {
                if (pred[k][h] == labels[k]) {
                    continue;
                }
                wrong++;
                for (int j = 0; j < h; j++) {
                    if (pred[k][j] == labels[k]) {
                        rescued++;
                        break;
                    }
                }
            }
            out[h] = h == 0 || wrong == 0 ? Double.NaN : (double) rescued / wrong;
        }
        return out;
    }
}
