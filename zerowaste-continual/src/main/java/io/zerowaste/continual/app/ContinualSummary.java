package io.zerowaste.continual.app;

import io.zerowaste.core.metrics.ContinualMetrics;
import io.zerowaste.core.result.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns strategies' progress into the {@code results.json} metrics and the tables printed on stdout. */
public final class ContinualSummary {

    private ContinualSummary() {}

    /** {@code {"strategies": {name: {...}}}} with the keys the continual issue fixes; NaN becomes null. */
    public static Map<String, Object> metrics(Map<String, StrategyProgress> progress, double[] baseline, boolean taskIl) {
        StrategyProgress scratch = progress.get("scratch");
        boolean scratchDone = scratch != null && complete(scratch);
        Map<String, Object> strategies = new LinkedHashMap<>();
        for (Map.Entry<String, StrategyProgress> e : progress.entrySet()) {
            StrategyProgress p = e.getValue();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("experiences_done", p.done());
            m.put("accuracy_matrix", p.matrix());
            if (complete(p)) {
                double[][] r = p.matrixArray();
                putSummaries(m, "", r);
                m.put("fwt", null);
                if (taskIl) {
                    double[][] ta = p.taskAwareArray();
                    m.put("fwt", num(ContinualMetrics.forwardTransfer(ta, baseline)));
                    m.put("task_aware_accuracy_matrix", p.taskAwareMatrix());
                    putSummaries(m, "task_aware_", ta);
                }
            }
            if (complete(p) && p.validationMatrix().size() == p.done()) {
                double[][] v = p.validationArray();
                m.put("validation_accuracy_matrix", p.validationMatrix());
                m.put("validation_final_average_accuracy", num(ContinualMetrics.finalAverageAccuracy(v)));
                m.put("validation_average_incremental_accuracy", num(ContinualMetrics.averageIncrementalAccuracy(v)));
            }
            m.put("train_macs", p.macs());
            m.put("train_seconds", p.seconds());
            m.put("experience_seconds", p.experienceSeconds());
            m.put("steps", p.steps());
            m.put("compute_ratio_to_scratch", scratchDone && complete(p) ? (double) p.macs() / scratch.macs() : null);
            m.put("steps_to_scratch_accuracy", scratchDone && complete(p) ? stepsTo(p, primaryFinal(scratch, taskIl), taskIl) : null);
            strategies.put(e.getKey(), m);
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        if (baseline != null) {
            metrics.put("fresh_task_aware_accuracy", baseline);
        }
        metrics.put("strategies", strategies);
        return metrics;
    }

    private static boolean complete(StrategyProgress p) {
        return !p.matrix().isEmpty() && p.done() == p.matrix().get(0).length;
    }

    private static void putSummaries(Map<String, Object> m, String prefix, double[][] r) {
        m.put(prefix + "final_average_accuracy", num(ContinualMetrics.finalAverageAccuracy(r)));
        m.put(prefix + "average_incremental_accuracy", num(ContinualMetrics.averageIncrementalAccuracy(r)));
        m.put(prefix + "forgetting", num(ContinualMetrics.forgetting(r)));
        m.put(prefix + "bwt", num(ContinualMetrics.backwardTransfer(r)));
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
    @SuppressWarnings("unchecked")
    public static String summaryTable(Map<String, Object> metrics, boolean taskIl) {
        Map<String, Object> strategies = (Map<String, Object>) metrics.get("strategies");
        String p = taskIl ? "task_aware_" : "";
        Table t = new Table("strategy", "final acc", "avg incr", "forgetting", "BWT", "FWT", "train GMACs", "seconds", "vs scratch",
                "steps to scratch acc");
        for (Map.Entry<String, Object> e : strategies.entrySet()) {
            Map<String, Object> m = (Map<String, Object>) e.getValue();
            t.row(e.getKey(), pct(m.get(p + "final_average_accuracy")), pct(m.get(p + "average_incremental_accuracy")),
                    pct(m.get(p + "forgetting")), pct(m.get(p + "bwt")), pct(m.get("fwt")),
                    String.format("%.1f", ((Number) m.get("train_macs")).doubleValue() / 1e9),
                    String.format("%.0f", ((Number) m.get("train_seconds")).doubleValue()),
                    m.get("compute_ratio_to_scratch") == null ? null : String.format("%.2f", ((Number) m.get("compute_ratio_to_scratch")).doubleValue()),
                    m.get("steps_to_scratch_accuracy"));
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

    private static String pct(Object v) {
        return v == null ? null : Table.pct(((Number) v).doubleValue());
    }
}
