package io.zerowaste.report;

import io.zerowaste.core.result.ContinualRunMetrics;
import io.zerowaste.core.result.StrategyMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;

/** Continual learning: accuracy-matrix heat maps, average accuracy after each experience, accuracy against compute. */
final class ContinualSection implements Section {

    @Override
    public String kind() {
        return "continual";
    }

    @Override
    public String title() {
        return "Reused knowledge: continual learning";
    }

    /** One strategy's accuracy matrix as a heat map, with its numbers in a folded table. */
    private static String heatMap(String name, String id, double[][] r) {
        List<String> cols = new ArrayList<>();
        for (int u = 0; u < r[0].length; u++) {
            cols.add("exp " + (u + 1));
        }
        List<String> ys = new ArrayList<>();
        List<List<String>> cells = new ArrayList<>();
        for (int t = 0; t < r.length; t++) {
            ys.add("after " + (t + 1));
            List<String> row = new ArrayList<>();
            row.add(ys.get(t));
            for (double v : r[t]) {
                row.add(Html.pct(v));
            }
            cells.add(row);
        }
        List<String> header = new ArrayList<>(List.of("trained through"));
        header.addAll(cols);
        return Html.figure(id, Charts.svg(Charts.heatMap(name, "tested on", "trained through", cols, ys, r, 0, 1)),
                name + ": accuracy (%) on each experience (columns) after training through each (rows).",
                Html.table(id + "-data", header, cells));
    }

    @Override
    public String render(List<ReportRun> runs) {
        XYChart average = Charts.xy("Average accuracy after each experience", "experiences learnt", "average accuracy so far (%)");
        XYChart compute = Charts.xy("Final accuracy against training compute", "training compute (GMACs)", "final average accuracy (%)");
        List<List<String>> rows = new ArrayList<>();
        StringBuilder maps = new StringBuilder("<div class=\"grid\">\n");
        for (ReportRun run : runs) {
            boolean taskIl = "task-il".equals(run.root().path("config").path("scenario").asText());
            for (Map.Entry<String, StrategyMetrics> e : run.metricsAs(ContinualRunMetrics.class).strategies().entrySet()) {
                String name = Section.series(runs, run, e.getKey());
                StrategyMetrics s = e.getValue();
                double[][] r = Section.matrix(taskIl ? s.taskAwareAccuracyMatrix() : s.accuracyMatrix());
                List<Double> at = new ArrayList<>();
                for (int t = 0; t < r.length; t++) {
                    double sum = 0;
                    for (int u = 0; u <= t; u++) {
                        sum += r[t][u];
                    }
                    at.add(100 * sum / (t + 1));
                }
                Charts.line(average, name, Section.oneTo(at.size()), at);
                Double fin = taskIl ? s.taskAwareFinalAverageAccuracy() : s.finalAverageAccuracy();
                Double macs = (double) s.trainMacs();
                if (fin != null && macs != null) {
                    if (e.getKey().equals("scratch")) {
                        Charts.points(compute, name + " (reference)", List.of(macs / 1e9), List.of(100 * fin));
                    } else {
                        Charts.line(compute, name, List.of(macs / 1e9), List.of(100 * fin));
                    }
                }
                if (r.length > 0) {
                    maps.append(heatMap(name + (taskIl ? " (task-aware)" : ""), "continual-matrix-" + Section.series(runs, run, e.getKey()), r));
                }
                rows.add(List.of(Html.escape(name), Html.pct(fin),
                        Html.pct(taskIl ? s.taskAwareAverageIncrementalAccuracy() : s.averageIncrementalAccuracy()),
                        Html.pct(taskIl ? s.taskAwareForgetting() : s.forgetting()), Html.pct(taskIl ? s.taskAwareBwt() : s.bwt()),
                        Html.pct(s.fwt()), Html.num(macs / 1e9, 1), Html.num(s.trainSeconds(), 0), Html.num(s.computeRatioToScratch(), 2),
                        s.stepsToScratchAccuracy() == null ? "—" : s.stepsToScratchAccuracy().toString()));
            }
        }
        maps.append("</div>\n");
        StringBuilder sb = new StringBuilder();
        sb.append("<h3>Summary</h3>\n");
        sb.append(Html.table("continual-summary", List.of("strategy", "final acc (%)", "avg incremental (%)", "forgetting (%)", "BWT (%)",
                "FWT (%)", "train GMACs", "seconds", "compute vs scratch", "steps to scratch acc"), rows));
        sb.append(Html.figure("continual-average-accuracy", average,
                "Mean accuracy over the experiences seen so far, after each experience."));
        sb.append(Html.figure("continual-accuracy-vs-compute", compute,
                "Final average accuracy against the MACs spent training (forward + backward = 3 forward passes); scratch is the reference."));
        sb.append(maps);
        return sb.toString();
    }
}
