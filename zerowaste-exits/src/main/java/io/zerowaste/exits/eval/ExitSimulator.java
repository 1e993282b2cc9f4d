package io.zerowaste.exits.eval;

import io.zerowaste.core.metrics.CostCurves;
import io.zerowaste.core.metrics.CurvePoint;
import io.zerowaste.exits.policy.ExitPolicy;
import java.util.ArrayList;
import java.util.List;

/** Applies an exit policy offline to what every exit said: where each sample leaves and what it predicts. */
public final class ExitSimulator {

    /** Per sample: the exit taken, its prediction and its confidence (max probability). */
    public record Decisions(int[] exit, int[] prediction, float[] confidence) {}

    private ExitSimulator() {}

    public static Decisions simulate(ExitPolicy policy, ExitOutputs out) {
        int n = out.samples();
        int last = out.exits() - 1;
        int[] exit = new int[n];
        int[] pred = new int[n];
        float[] conf = new float[n];
        for (int k = 0; k < n; k++) {
            ExitPolicy.Decider d = policy.newDecider();
            int e = 0;
            while (e < last && !d.exitAfter(e, out.probs()[k][e])) {
                e++;
            }
            float[] p = out.probs()[k][e];
            exit[k] = e;
            pred[k] = ExitPolicy.argmax(p);
            conf[k] = p[pred[k]];
        }
        return new Decisions(exit, pred, conf);
    }

    /** One curve point per parameter value. */
    public static List<CurvePoint> sweep(List<ExitPolicy> policies, ExitOutputs out, double[] exitCostFraction) {
        List<CurvePoint> curve = new ArrayList<>();
        for (ExitPolicy p : policies) {
            Decisions d = simulate(p, out);
            curve.add(CostCurves.point(p.param(), d.exit(), d.prediction(), out.labels(), exitCostFraction));
        }
        return curve;
    }
}
