package io.zerowaste.exits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.zerowaste.core.metrics.CostCurves;
import io.zerowaste.core.metrics.CurvePoint;
import io.zerowaste.exits.eval.ExitOutputs;
import io.zerowaste.exits.eval.ExitSimulator;
import io.zerowaste.exits.eval.MethodReport;
import io.zerowaste.exits.method.PbeeMethod;
import io.zerowaste.exits.method.SdnMethod;
import io.zerowaste.exits.policy.ConfidencePolicy;
import io.zerowaste.exits.policy.EntropyExitPolicy;
import io.zerowaste.exits.policy.PatiencePolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exit rules and curve metrics on hand-made predictions (no network). */
class PoliciesAndCurvesTest {

    /** A 3-class distribution putting {@code p} on class {@code c}. */
    static float[] peak(int c, float p) {
        float[] v = {(1 - p) / 2, (1 - p) / 2, (1 - p) / 2};
        v[c] = p;
        return v;
    }

    @Test
    void patienceFollowsPbeeOnAHandMadeSequence() {
        // argmax per exit: 0, 1, 1, 1, 2 | final
        float[][] heads = {peak(0, .9f), peak(1, .5f), peak(1, .6f), peak(1, .4f), peak(2, .9f), peak(2, .9f)};
        ExitOutputs out = new ExitOutputs(new float[][][] {heads}, new int[] {1});
        // counter after each head: 0, 0, 1, 2, 0 → patience 1 exits at head 2, patience 2 at head 3, 3 never (final)
        assertThat(ExitSimulator.simulate(new PatiencePolicy(1), out).exit()).containsExactly(2);
        assertThat(ExitSimulator.simulate(new PatiencePolicy(2), out).exit()).containsExactly(3);
        assertThat(ExitSimulator.simulate(new PatiencePolicy(3), out).exit()).containsExactly(5);
        assertThat(ExitSimulator.simulate(new PatiencePolicy(3), out).prediction()).containsExactly(2);
    }

    @Test
    void confidenceAndEntropyExitAtTheFirstSureHead() {
        float[][] heads = {peak(0, .5f), peak(1, .8f), peak(1, .95f), peak(2, .99f)};
        ExitOutputs out = new ExitOutputs(new float[][][] {heads}, new int[] {1});
        assertThat(ExitSimulator.simulate(new ConfidencePolicy(0.0), out).exit()).containsExactly(0);
        assertThat(ExitSimulator.simulate(new ConfidencePolicy(0.8), out).exit()).containsExactly(1);
        assertThat(ExitSimulator.simulate(new ConfidencePolicy(0.9), out).exit()).containsExactly(2);
        assertThat(ExitSimulator.simulate(new ConfidencePolicy(1.01), out).exit()).containsExactly(3);
        assertThat(ExitSimulator.simulate(new ConfidencePolicy(0.9), out).confidence()[0]).isCloseTo(0.95f, within(1e-6f));
        assertThat(EntropyExitPolicy.normalisedEntropy(new float[] {1f / 3, 1f / 3, 1f / 3})).isCloseTo(1.0, within(1e-6));
        assertThat(EntropyExitPolicy.normalisedEntropy(new float[] {1, 0, 0})).isZero();
        // normalised entropies: head 1 (.1, .8, .1) → 0.58, head 2 (.025, .95, .025) → 0.21
        assertThat(ExitSimulator.simulate(new EntropyExitPolicy(0.5), out).exit()).containsExactly(2);
        assertThat(ExitSimulator.simulate(new EntropyExitPolicy(0.6), out).exit()).containsExactly(1);
    }

    @Test
    void aucIsTheAreaUnderTheBudgetStepCurve() {
        List<CurvePoint> c = List.of(new CurvePoint(0.9, 0.8, 0.5), new CurvePoint(0.5, 0.6, 0.25), new CurvePoint(1.01, 0.9, 1.05));
        // A(c) = 0 on [0, .25), .6 on [.25, .5), .8 on [.5, 1]; the 1.05 point costs more than the backbone
        assertThat(CostCurves.auc(c)).isCloseTo(0.6 * 0.25 + 0.8 * 0.5, within(1e-12));
    }

    @Test
    void budgetChoiceLooksAtValidationOnly() {
        // two samples, four exits; exit cost fractions 0.2, 0.4, 0.6, 1.0
        double[] cost = {0.2, 0.4, 0.6, 1.0};
        float[][] right = {peak(1, .99f), peak(1, .99f), peak(1, .99f), peak(1, .99f)};
        float[][] wrongEarly = {peak(0, .95f), peak(0, .95f), peak(1, .99f), peak(1, .99f)};
        // validation: early exits are wrong, so the budget choice must avoid τ ≤ 0.95 under a 100 % budget
        ExitOutputs val = new ExitOutputs(new float[][][] {wrongEarly, wrongEarly}, new int[] {1, 1});
        // test: early exits are right — a choice peeking at test would pick the cheapest threshold
        ExitOutputs test = new ExitOutputs(new float[][][] {right, right}, new int[] {1, 1});
        MethodReport r = MethodReport.of(new SdnMethod(), val, test, cost);
        int chosen = r.forBudget(1.0);
        assertThat(r.validationCurve().get(chosen).accuracy()).isEqualTo(1.0);
        assertThat(r.validationCurve().get(chosen).param()).isGreaterThan(0.945); // 0.95f is just below 0.95
        assertThat(r.testCurve().get(chosen).costFraction()).isCloseTo(0.2, within(1e-9));
        assertThat(r.budgetAccuracy().get("100")).isEqualTo(1.0);
        // at a 25 % budget only τ ≤ 0.95 fits (validation accuracy 0), chosen on validation all the same
        assertThat(r.budgetAccuracy().get("25")).isEqualTo(1.0);
        assertThat(r.validationCurve().get(r.forBudget(0.25)).accuracy()).isZero();
        assertThat(MethodReport.of(new SdnMethod(), val, test, new double[] {0.3, 0.4, 0.6, 1.0}).budgetAccuracy().get("25")).isNull();
    }

    @Test
    void hindsightCountsMistakesAnEarlierHeadGotRight() {
        int[][] pred = {{1, 0, 0}, {1, 1, 0}, {0, 0, 0}, {1, 1, 1}};
        int[] labels = {1, 1, 1, 1};
        double[] h = CostCurves.hindsightImprovability(pred, labels);
        assertThat(h[0]).isNaN();
        assertThat(h[1]).isCloseTo(0.5, within(1e-12)); // wrong: samples 0 and 2; head 0 had sample 0 right
        assertThat(h[2]).isCloseTo(2.0 / 3, within(1e-12)); // wrong: 0, 1, 2; rescued: 0, 1
        assertThat(CostCurves.perHeadAccuracy(pred, labels)).containsExactly(0.75, 0.5, 0.25);
    }

    @Test
    void pbeeSweepsPatienceOneToTheNumberOfHeads() {
        assertThat(new PbeeMethod().sweep(5)).containsExactly(1.0, 2.0, 3.0, 4.0, 5.0);
        assertThat(new SdnMethod().sweep(5)).hasSize(202).startsWith(0.0, 0.005).endsWith(1.0, 1.01);
    }
}
