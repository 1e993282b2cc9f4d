package io.zerowaste.continual.app;

import io.zerowaste.core.metrics.ContinualMetrics;
import io.zerowaste.core.result.ContinualRunMetrics;
import io.zerowaste.core.result.StrategyMetrics;
import io.zerowaste.core.result.Table;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns strategies' progress into the typed {@code results.json} metrics and the tables printed on stdout. */
public final class ContinualSummary {

    private ContinualSummary() {}

    /** The typed metrics of every strategy so far (summaries once a strategy has done every experience). */
    public static ContinualRunMetrics metrics(Map<String, StrategyProgress> progress, double[] baseline, boolean taskIl) {
        StrategyProgress scratch = progress.get("scratch");
        boolean scratchDone = scratch != null && complete(scratch);
        Map<String, StrategyMetrics> strategies = new LinkedHashMap<>();
        for (Map.Entry<String, StrategyProgress> e : progress.entrySet()) {
            strategies.put(e.getKey(), strategy(e.getValue(), scratchDone ? scratch : null, baseline, taskIl));
        }
        return new ContinualRunMetrics(baseline == null ? null : Arrays.stream(baseline).boxed().toList(), strategies);
    }

    private static StrategyMetrics strategy(StrategyProgress p, StrategyProgress scratch, double[] baseline, boolean taskIl) {
        boolean done = complete(p);
        double[][] r = p.matrixArray();
        double[][] ta = p.taskAwareArray();
        boolean withTaskAware = done && taskIl;
        boolean withValidation = done && p.validationMatrix().size() == p.done();
        double[][] v = p.validationArray();
        return new StrategyMetrics(p.done(), p.matrix(),
                done ? num(ContinualMetrics.finalAverageAccuracy(r)) : null,
                done ? num(ContinualMetrics.averageIncrementalAccuracy(r)) : null,
                done ? num(ContinualMetrics.forgetting(r)) : null,
                done ? num(ContinualMetrics.backwardTransfer(r)) : null,
                withTaskAware ? num(ContinualMetrics.forwardTransfer(ta, baseline)) : null,
                withTaskAware ? p.taskAwareMatrix() : null,
                withTaskAware ? num(ContinualMetrics.finalAverageAccuracy(ta)) : null,
                withTaskAware ? num(ContinualMetrics.averageIncrementalAccuracy(ta)) : null,
                withTaskAware ? num(ContinualMetrics.forgetting(ta)) : null,
                withTaskAware ? num(ContinualMetrics.backwardTransfer(ta)) : null,
                withValidation ? p.validationMatrix() : null,
                withValidation ? num(ContinualMetrics.finalAverageAccuracy(v)) : null,
                withValidation ? num(ContinualMetrics.averageIncrementalAccuracy(v)) : null,
                p.macs(), p.seconds(), p.experienceSeconds(), p.steps(),
                scratch != null && done ? (double) p.macs() / scratch.macs() : null,
                scratch != null && done ? stepsTo(p, primaryFinal(scratch, taskIl), taskIl) : null);
    }

    private static boolean complete(StrategyProgress p) {
        return !p.matrix().isEmpty() && p.done() == p.matrix().get(0).length;
    }

    /** The accuracy the strategies are compared on: task-aware for task-il, else task-agnostic. */
    static double primaryFinal(StrategyProgress p, boolean taskIl) {
        return ContinualMetrics.finalAverageAccuracy(taskIl ? p.taskAwareArray() : p.matrixArray());
    }

    /** Steps until the probe first saw the target accuracy, or null if it never did. */
    static Long stepsTo(StrategyProgress p, double target, boolean taskIl) {
        for (double[] point : p.probe()) {
            if (point[1] >= target - 1e-9) {
                return (long) point[0];
            }
        }
        return primaryFinal(p, taskIl) >= target - 1e-9 ? p.steps() : null;
    }

    private static Double num(double v) {
        return Double.isNaN(v) ? null : v;
    }

    /** One row per strategy: the summary the CLI prints. */
    public static String summaryTable(ContinualRunMetrics metrics, boolean taskIl) {
        Table t = new Table("strategy", "final acc", "avg incr", "forgetting", "BWT", "FWT", "train GMACs", "seconds", "vs scratch",
                "steps to scratch acc");
        for (Map.Entry<String, StrategyMetrics> e : metrics.strategies().entrySet()) {
            StrategyMetrics m = e.getValue();
            t.row(e.getKey(), pct(taskIl ? m.taskAwareFinalAverageAccuracy() : m.finalAverageAccuracy()),
                    pct(taskIl ? m.taskAwareAverageIncrementalAccuracy() : m.averageIncrementalAccuracy()),
                    pct(taskIl ? m.taskAwareForgetting() : m.forgetting()), pct(taskIl ? m.taskAwareBwt() : m.bwt()), pct(m.fwt()),
                    String.format("%.1f", m.trainMacs() / 1e9), String.format("%.0f", m.trainSeconds()),
                    m.computeRatioToScratch() == null ? null : String.format("%.2f", m.computeRatioToScratch()),
                    m.stepsToScratchAccuracy());
        }
        return (taskIl ? "(task-aware accuracies)\n" : "") + t;
    }

    /** The accuracy matrix R[t][u] in percent, one line per experience learnt. */
    public static String matrixTable(String name, List<double[]> r) {
        List<String> header = new ArrayList<>();
        header.add(name + " after");
        for (int u = 0; u < (r.isEmpty() ? 0 : r.get(0).length); u++) {
            header.add("exp " + (u + 1));
        }
        Table t = new Table(header.toArray(String[]::new));
        for (int row = 0; row < r.size(); row++) {
            Object[] cells = new Object[r.get(row).length + 1];
            cells[0] = "exp " + (row + 1);
            for (int u = 0; u < r.get(row).length; u++) {
                cells[u + 1] = Table.pct(r.get(row)[u]);
            }
            t.row(cells);
        }
        return t.toString();
    }

    private static String pct(Double v) {
        return v == null ? null : Table.pct(v);
    }
}
