package io.zerowaste.continual.app;

import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.config.ContinualConfig;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.io.Json;
import io.zerowaste.nn.engine.Precision;
import io.zerowaste.nn.train.TrainingDivergedException;
import io.zerowaste.nn.train.TrainingHook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Chooses one setting of one strategy on validation: runs the strategy once per value (each in its own folder,
 * resumable) and picks the value with the best final average accuracy on the experiences' validation sets
 * (task-aware for task-il). Test figures are reported beside it but never looked at for the choice.
 */
public final class ContinualTuning {

    public static final String FILE_NAME = "tuning.json";

    /** The settings that can be tuned, by their command-line names. */
    public static final Map<String, BiFunction<ContinualConfig.Builder, String, ContinualConfig.Builder>> PARAMETERS = parameters();

    /** One value tried: its validation and test final average accuracy, where its run lives, and why it failed if it did. */
    public record Trial(String value, Double validationAccuracy, Double testAccuracy, String runDir, String failure) {}

    /** All trials and the value validation chose. */
    public record Outcome(String strategy, String parameter, List<Trial> trials, String chosen) {}

    private ContinualTuning() {}

    public static Outcome tune(Dataset data, ContinualConfig base, String strategy, String parameter, List<String> values, Path outDir,
            List<TrainingHook> hooks, Consumer<String> log) {
        return tune(data, base, strategy, parameter, values, outDir, hooks, log, null);
    }

    /** As above, every trial computing in {@code precision} (fp32 when null), as {@code continual run} would. */
    public static Outcome tune(Dataset data, ContinualConfig base, String strategy, String parameter, List<String> values, Path outDir,
            List<TrainingHook> hooks, Consumer<String> log, Precision.Choice precision) {
        var setter = PARAMETERS.get(parameter);
        if (setter == null) {
            throw ZeroWasteException.badInput("cannot tune '" + parameter + "' (use one of " + String.join(", ", PARAMETERS.keySet()) + ")");
        }
        if (values.size() < 2) {
            throw ZeroWasteException.badInput("--values needs two or more values to choose from (got " + values + ")");
        }
        List<Trial> trials = new ArrayList<>();
        Trial best = null;
        for (String v : values) {
            ContinualConfig cfg = setter.apply(base.toBuilder().optStrategies(List.of(strategy)), v).build();
            Path dir = outDir.resolve(parameter + "=" + v);
            boolean resume = Files.exists(dir.resolve(ContinualRun.CHECKPOINTS));
            log.accept(strategy + " with --" + parameter + " " + v + (resume ? " (resuming)" : ""));
            Trial t = trial(data, cfg, strategy, v, dir, resume, hooks, log, precision);
            trials.add(t);
            if (t.validationAccuracy() != null && (best == null || t.validationAccuracy() > best.validationAccuracy())) {
                best = t;
            }
        }
        Outcome out = new Outcome(strategy, parameter, trials, best == null ? null : best.value());
        Json.write(outDir.resolve(FILE_NAME), out);
        return out;
    }

    /** One run; a value that makes training diverge is a result of the search (recorded), not an error. */
    private static Trial trial(Dataset data, ContinualConfig cfg, String strategy, String value, Path dir, boolean resume,
            List<TrainingHook> hooks, Consumer<String> log, Precision.Choice precision) {
        try {
            ContinualRun.Outcome o = ContinualRun.run(data, cfg, dir, resume, hooks, log, precision);
            StrategyProgress p = o.progress().get(strategy);
            boolean taskIl = "task-il".equals(cfg.scenario());
            return new Trial(value, finalAverage(p.validationArray()), finalAverage(taskIl ? p.taskAwareArray() : p.matrixArray()),
                    dir.toString(), null);
        } catch (TrainingDivergedException e) {
            log.accept(strategy + " with " + value + ": " + e.getMessage());
            return new Trial(value, null, null, dir.toString(), e.getMessage());
        }
    }

    private static Double finalAverage(double[][] r) {
        double v = r.length == 0 ? Double.NaN : io.zerowaste.core.metrics.ContinualMetrics.finalAverageAccuracy(r);
        return Double.isNaN(v) ? null : v;
    }

    private static Map<String, BiFunction<ContinualConfig.Builder, String, ContinualConfig.Builder>> parameters() {
        Map<String, BiFunction<ContinualConfig.Builder, String, ContinualConfig.Builder>> m = new LinkedHashMap<>();
        m.put("lr", (b, v) -> b.optLearningRate(number(v, "lr")));
        m.put("epochs", (b, v) -> b.optEpochs((int) number(v, "epochs")));
        m.put("cumulative-epochs", (b, v) -> b.optCumulativeEpochs((int) number(v, "cumulative-epochs")));
        m.put("memory", (b, v) -> b.optMemory((int) number(v, "memory")));
        m.put("ewc-lambda", (b, v) -> b.optEwcLambda(number(v, "ewc-lambda")));
        m.put("ewc-gamma", (b, v) -> b.optEwcGamma(number(v, "ewc-gamma")));
        m.put("lwf-lambda", (b, v) -> b.optLwfLambda(number(v, "lwf-lambda")));
        m.put("experts", (b, v) -> b.optExperts((int) number(v, "experts")));
        return m;
    }

    private static double number(String v, String parameter) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw ZeroWasteException.badInput("--values for " + parameter + " must be numbers (got '" + v + "')");
        }
    }
}
