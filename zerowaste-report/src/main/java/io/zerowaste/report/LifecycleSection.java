package io.zerowaste.report;

import io.zerowaste.core.result.LifecycleMetrics;
import io.zerowaste.core.result.LifecycleServing;
import io.zerowaste.core.result.LifecycleVersion;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;

/** The model lifecycle: accuracy and training compute per version against retraining from scratch, and the swaps under load. */
final class LifecycleSection implements Section {

    @Override
    public String kind() {
        return "lifecycle";
    }

    @Override
    public String title() {
        return "One lifecycle: a served early-exit model that keeps learning";
    }

    @Override
    public String render(List<ReportRun> runs) {
        XYChart accuracy = Charts.xy("Accuracy on everything seen, per version", "version", "test accuracy (%)");
        XYChart compute = Charts.xy("Training compute per version", "version", "training GMACs");
        StringBuilder tables = new StringBuilder();
        for (ReportRun run : runs) {
            LifecycleMetrics m = run.metricsAs(LifecycleMetrics.class);
            String name = Section.series(runs, run, m.strategy());
            List<Integer> x = new ArrayList<>();
            List<Double> acc = new ArrayList<>();
            List<Double> scratchAcc = new ArrayList<>();
            List<Integer> xs = new ArrayList<>();
            List<Double> macs = new ArrayList<>();
            List<Double> scratch = new ArrayList<>();
            List<List<String>> rows = new ArrayList<>();
            for (LifecycleVersion v : m.versions()) {
                x.add(v.version());
                acc.add(100 * v.accuracy());
                macs.add(v.trainingMacs() / 1e9);
                scratch.add(v.scratchMacs() / 1e9);
                if (v.scratchAccuracy() != null) {
                    xs.add(v.version());
                    scratchAcc.add(100 * v.scratchAccuracy());
                }
                rows.add(List.of(Integer.toString(v.version()), Html.escape(v.id()), Integer.toString(v.classesSeen()), Html.pct(v.accuracy()),
                        Html.pct(v.backboneAccuracy()), v.scratchAccuracy() == null ? "—" : Html.pct(v.scratchAccuracy()),
                        Html.num(v.threshold(), 4), Html.num(v.costFraction(), 3), Html.num(v.trainingMacs() / 1e9, 1),
                        Html.num(v.scratchMacs() / 1e9, 1), Html.num(v.macsRatio(), 2), v.swapSeconds() == null ? "—" : Html.num(v.swapSeconds(), 2),
                        v.swapStatus() == null ? "—" : Html.escape(v.swapStatus().toString()),
                        v.swapP99Ms() == null ? "—" : Html.num(v.swapP99Ms(), 0)));
            }
            Charts.line(accuracy, name, x, acc);
            if (!xs.isEmpty()) {
                Charts.points(accuracy, name + ": retrained from scratch", xs, scratchAcc);
            }
            Charts.line(compute, name + ": update", x, macs);
            Charts.line(compute, name + ": from scratch on everything seen", x, scratch);
            tables.append("<h3>").append(Html.escape(name)).append(" (").append(Html.escape(m.scenario())).append(")</h3>\n");
            tables.append(Html.table("lifecycle-versions-" + name, List.of("version", "id", "classes", "accuracy", "backbone", "scratch",
                    "threshold", "cost", "train GMACs", "scratch GMACs", "× scratch", "swap s", "status during swap", "p99 during swap (ms)"),
                    rows));
            LifecycleServing s = m.serving();
            if (s != null) {
                tables.append(Html.table("lifecycle-serving-" + name, List.of("requests", "status", "p50 steady (ms)", "p99 steady (ms)",
                        "p99 during swaps (ms)", "5xx ≠ 503 + transport errors", "answers from a version never served"),
                        List.of(List.of(Long.toString(s.requests()), Html.escape(s.status().toString()), Html.num(s.steadyP50Ms(), 1),
                                Html.num(s.steadyP99Ms(), 1), Html.num(s.swapP99Ms(), 1), Long.toString(s.failures()),
                                Long.toString(s.staleAnswers())))));
            }
        }
        return Html.figure("lifecycle-accuracy", accuracy,
                "Test accuracy at each version's calibrated threshold, on the test images of every class (domain) seen so far.")
                + Html.figure("lifecycle-compute", compute,
                        "MACs spent making each version (forward + backward = 3 forward passes) against retraining backbone, heads and "
                                + "ensembles from scratch on everything seen with the initial recipe.")
                + tables;
    }
}
