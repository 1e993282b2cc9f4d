package io.zerowaste.exits.app;

import ai.djl.ndarray.NDManager;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.core.data.Split;
import io.zerowaste.core.metrics.CostCurves;
import io.zerowaste.core.metrics.CurvePoint;
import io.zerowaste.core.result.ChosenPoint;
import io.zerowaste.core.result.ExitsMetrics;
import io.zerowaste.core.result.ResultEnvelope;
import io.zerowaste.core.result.ResultKind;
import io.zerowaste.exits.eval.ExitOutputs;
import io.zerowaste.exits.eval.ExitOutputsCollector;
import io.zerowaste.exits.eval.ExitSimulator;
import io.zerowaste.exits.eval.MethodReport;
import io.zerowaste.nn.app.RunRecorder;
import io.zerowaste.nn.bundle.BundleSplit;
import io.zerowaste.nn.bundle.ModelBundle;
import io.zerowaste.nn.engine.Engines;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates an exits bundle on any IDX folder: the full sweep and budget table, and one chosen parameter —
 * fixed, or picked on that data's validation split for a compute budget or an accuracy drop.
 */
public final class ExitsEvaluation {

    /** How to pick the parameter. */
    public sealed interface Choice permits Fixed, Budget, MaxDrop, Stored {}

    /** A given threshold (or patience). */
    public record Fixed(double param) implements Choice {}

    /** The best validation accuracy whose cost is at most this fraction of the backbone. */
    public record Budget(double fraction) implements Choice {}

    /** The cheapest parameter whose validation accuracy is at most this many points below the backbone's. */
    public record MaxDrop(double points) implements Choice {}

    /** The parameter calibrated into the bundle. */
    public record Stored() implements Choice {}

    /** The result: the report, the chosen point, the backbone's test accuracy and the exit fractions there. */
    public record Outcome(String method, MethodReport report, ChosenPoint chosen, double backboneTestAccuracy,
            List<Double> exitFractions, ResultEnvelope<ExitsMetrics> result) {}

    private ExitsEvaluation() {}

    public static Outcome run(Path bundleDir, Dataset data, Choice choice, Path outDir) {
        Engines.pytorch();
        try (NDManager manager = NDManager.newBaseManager()) {
            ExitsBundle.Loaded b = ExitsBundle.read(bundleDir, manager);
            ImageSet test = data.test();
            ModelBundle.checkImagesFit(b.manifest(), test, bundleDir);
            RunRecorder recorder = recorder(bundleDir, b, data, choice, outDir);
            var norm = b.manifest().normalization();
            ExitOutputs val = ExitOutputsCollector.collect(b.model(), manager, new BatchAssembler(validationSet(b, data), norm),
                    b.method().ensemble());
            ExitOutputs tst = ExitOutputsCollector.collect(b.model(), manager, new BatchAssembler(test, norm), b.method().ensemble());
            return report(b, val, tst, choice, recorder);
        }
    }

    /** The validation images every choice is made on: the bundle's own seeded share of {@code data}'s training set. */
    public static ImageSet validationSet(ExitsBundle.Loaded b, Dataset data) {
        return Split.of(data.train(), BundleSplit.seed(b.manifest())).validation();
    }

    /** The run that will write results.json into {@code outDir}, refusing an unusable folder before any work. */
    public static RunRecorder recorder(Path bundleDir, ExitsBundle.Loaded b, Dataset data, Choice choice, Path outDir) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model", bundleDir.toString());
        config.put("model_sha256", b.manifest().parametersSha256());
        config.put("data", data.name());
        config.put("choice", choice.toString());
        return RunRecorder.start(config, BundleSplit.seed(b.manifest()), data, outDir);
    }

    /**
     * The sweep, the budget table and the chosen point from every exit's outputs on validation and test, however
     * they were computed (here in one JVM; zerowaste-spark on executors), written by {@code recorder}.
     */
    public static Outcome report(ExitsBundle.Loaded b, ExitOutputs val, ExitOutputs tst, Choice choice, RunRecorder recorder) {
        double[] cost = b.model().exitCostFractions();
        MethodReport r = MethodReport.of(b.method(), val, tst, cost);
        int last = b.model().numHeads();
        double backboneVal = CostCurves.perHeadAccuracy(val.predictions(), val.labels())[last];
        double backboneTest = r.perHeadAccuracy()[last];
        ChosenPoint chosen = choose(choice, b, r, val, tst, cost, backboneVal);
        double param = chosen.param();
        List<Double> fractions = ExitsTraining.exitFractions(b.method(), param, tst);
        ExitsMetrics metrics = new ExitsMetrics(backboneTest, backboneVal, ((Number) b.manifest().macs().get("total")).longValue(),
                Arrays.stream(cost).boxed().toList(), Map.of(b.method().name(), r.toMetrics().withChosen(chosen, fractions)));
        ResultEnvelope<ExitsMetrics> res = recorder.writeResults(ResultKind.EXITS, metrics);
        return new Outcome(b.method().name(), r, chosen, backboneTest, fractions, res);
    }

    private static ChosenPoint choose(Choice choice, ExitsBundle.Loaded b, MethodReport r, ExitOutputs val,
            ExitOutputs tst, double[] cost, double backboneVal) {
        if (choice instanceof Fixed f) {
            return fixed(b, f.param(), val, tst, cost);
        }
        if (choice instanceof Stored) {
            return fixed(b, b.param(), val, tst, cost);
        }
        int index;
        if (choice instanceof Budget bud) {
            index = r.forBudget(bud.fraction());
            if (index < 0) {
                throw ZeroWasteException.badInput(String.format("no setting of %s fits a budget of %.2f of the backbone "
                        + "(the cheapest costs %.3f); raise --budget", b.method().name(), bud.fraction(),
                        r.validationCurve().stream().mapToDouble(CurvePoint::costFraction).min().orElse(Double.NaN)));
            }
        } else {
            index = r.forMaxDrop(backboneVal, ((MaxDrop) choice).points() / 100);
        }
        return r.chosen(index);
    }

    private static ChosenPoint fixed(ExitsBundle.Loaded b, double param, ExitOutputs val, ExitOutputs tst, double[] cost) {
        var policy = b.method().policy(param);
        CurvePoint v = ExitSimulator.sweep(List.of(policy), val, cost).get(0);
        CurvePoint t = ExitSimulator.sweep(List.of(policy), tst, cost).get(0);
        return new ChosenPoint(param, t.accuracy(), t.costFraction(), v.accuracy(), v.costFraction());
    }
}
