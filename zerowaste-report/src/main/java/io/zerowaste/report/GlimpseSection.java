package io.zerowaste.report;

import io.zerowaste.core.result.GlimpseMetrics;
import io.zerowaste.core.result.PolicyMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;

/** Glimpses: accuracy after each glimpse and against the fraction of pixels seen, a line per policy. */
final class GlimpseSection implements Section {

    @Override
    public String kind() {
        return "glimpse";
    }

    @Override
    public String title() {
        return "Reused partial input: glimpses";
    }

    @Override
    public String render(List<ReportRun> runs) {
        XYChart byGlimpse = Charts.xy("Accuracy after each glimpse", "glimpses", "test accuracy (%)");
        XYChart byPixels = Charts.xy("Accuracy against pixels observed (stop rule swept)", "pixels observed (%)", "test accuracy (%)");
        List<List<String>> rows = new ArrayList<>();
        for (ReportRun run : runs) {
            for (Map.Entry<String, PolicyMetrics> e : run.metricsAs(GlimpseMetrics.class).policies().entrySet()) {
                String name = Section.series(runs, run, e.getKey());
                PolicyMetrics p = e.getValue();
                List<Double> acc = Section.nanForNull(p.accuracyByGlimpses());
                Charts.line(byGlimpse, name, Section.oneTo(acc.size()), Section.percent(acc));
                List<Double> x = new ArrayList<>();
                List<Double> y = new ArrayList<>();
                p.stopCurve().forEach(pt -> {
                    x.add(100 * pt.pixelFraction());
                    y.add(100 * pt.accuracy());
                });
                Charts.line(byPixels, name, x, y);
                List<String> row = new ArrayList<>();
                row.add(Html.escape(name));
                for (int g : List.of(1, 2, 4, 8)) {
                    row.add(g <= acc.size() ? Html.pct(acc.get(g - 1)) : "—");
                }
                row.add(Html.pct(p.fullImageAccuracy()));
                rows.add(row);
            }
        }
        return Html.table("glimpse-summary", List.of("policy", "1 glimpse (%)", "2 (%)", "4 (%)", "8 (%)", "full image (%)"), rows)
                + Html.figure("glimpse-accuracy-by-glimpses", byGlimpse, "Accuracy after each glimpse count, per policy.")
                + Html.figure("glimpse-accuracy-vs-pixels", byPixels, "Accuracy against the mean share of pixels seen.");
    }
}
