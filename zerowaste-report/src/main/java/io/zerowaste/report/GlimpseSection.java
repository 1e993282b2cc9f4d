package io.zerowaste.report;

import io.zerowaste.core.result.GlimpseMetrics;
import io.zerowaste.core.result.PolicyMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * Glimpses: accuracy after each glimpse and against the fraction of pixels seen, a line per policy (and per
 * policy started AME's way, when the run measured it); the reconstruction RMSE after the last glimpse; and the
 * encoder's cost per glimpse count.
 */
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
            GlimpseMetrics metrics = run.metricsAs(GlimpseMetrics.class);
            for (Map.Entry<String, PolicyMetrics> e : metrics.policies().entrySet()) {
                String name = Section.series(runs, run, e.getKey());
                PolicyMetrics p = e.getValue();
                List<Double> acc = Section.nanForNull(p.accuracyByGlimpses());
                Charts.line(byGlimpse, name, Section.oneTo(acc.size()), Section.percent(acc));
                stopCurve(byPixels, name, p.stopCurve());
                if (p.stopCurveFullFallback() != null) {
                    stopCurve(byPixels, name + " (else full image)", p.stopCurveFullFallback());
                }
                List<String> row = new ArrayList<>();
                row.add(Html.escape(name));
                for (int g : List.of(1, 2, 4, 8)) {
                    row.add(g <= acc.size() ? Html.pct(acc.get(g - 1)) : "—");
                }
                row.add(last(p.reconstructionRmseByGlimpses()));
                row.add(Html.pct(p.fullImageAccuracy()));
                rows.add(row);
                if (p.fixedStartAccuracyByGlimpses() != null) {
                    List<Double> fixed = Section.nanForNull(p.fixedStartAccuracyByGlimpses());
                    String fixedName = name + " (fixed start)";
                    Charts.line(byGlimpse, fixedName, Section.oneTo(fixed.size()), Section.percent(fixed));
                    List<String> f = new ArrayList<>();
                    f.add(Html.escape(fixedName));
                    for (int g : List.of(1, 2, 4, 8)) {
                        f.add(g <= fixed.size() ? Html.pct(fixed.get(g - 1)) : "—");
                    }
                    f.add(last(p.fixedStartReconstructionRmseByGlimpses()));
                    f.add(Html.pct(p.fullImageAccuracy()));
                    rows.add(f);
                }
            }
            if (metrics.encoderMacsByGlimpses() != null) {
                List<Long> macs = metrics.encoderMacsByGlimpses();
                List<String> m = new ArrayList<>();
                m.add(Html.escape(Section.series(runs, run, "encoder MACs")));
                for (int g : List.of(1, 2, 4, 8)) {
                    m.add(g <= macs.size() ? String.format(java.util.Locale.ROOT, "%.2f M", macs.get(g - 1) / 1e6) : "—");
                }
                m.add("—");
                m.add(String.format(java.util.Locale.ROOT, "%.2f M", metrics.encoderMacsFullImage() / 1e6));
                rows.add(m);
            }
        }
        return Html.table("glimpse-summary", List.of("policy", "1 glimpse (%)", "2 (%)", "4 (%)", "8 (%)", "RMSE after the last",
                "full image (%)"), rows)
                + Html.figure("glimpse-accuracy-by-glimpses", byGlimpse, "Accuracy after each glimpse count, per policy.")
                + Html.figure("glimpse-accuracy-vs-pixels", byPixels, "Accuracy against the mean share of pixels seen.");
    }

    /** The last value of a list as a 4-decimal number, or a dash. */
    private static String last(List<Double> values) {
        return values == null || values.isEmpty() || values.get(values.size() - 1) == null ? "—"
                : String.format(java.util.Locale.ROOT, "%.4f", values.get(values.size() - 1));
    }

    private static void stopCurve(XYChart chart, String name, List<PolicyMetrics.StopPoint> curve) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        curve.forEach(pt -> {
            x.add(100 * pt.pixelFraction());
            y.add(100 * pt.accuracy());
        });
        Charts.line(chart, name, x, y);
    }
}
