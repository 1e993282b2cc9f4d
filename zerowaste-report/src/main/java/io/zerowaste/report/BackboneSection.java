package io.zerowaste.report;

import io.zerowaste.core.result.BackboneMetrics;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;

/** A plain backbone training run: summary and validation accuracy per epoch. */
final class BackboneSection implements Section {

    @Override
    public String kind() {
        return "backbone";
    }

    @Override
    public String title() {
        return "Backbone training";
    }

    @Override
    public String render(List<ReportRun> runs) {
        XYChart val = Charts.xy("Validation accuracy per epoch", "epoch", "validation accuracy (%)");
        List<List<String>> rows = new ArrayList<>();
        for (ReportRun run : runs) {
            BackboneMetrics m = run.metricsAs(BackboneMetrics.class);
            List<Double> acc = Section.nanForNull(m.valAccuracy());
            Charts.line(val, run.label(), Section.oneTo(acc.size()), Section.percent(acc));
            rows.add(List.of(Html.escape(run.label()), Html.pct(m.testAccuracy()), Long.toString(m.macs()), Long.toString(m.params()),
                    Html.num(m.trainSeconds(), 0), Html.num(m.samplesPerSecond(), 0)));
        }
        return Html.table("backbone-summary", List.of("run", "test accuracy (%)", "MACs", "parameters", "train seconds", "samples/s"), rows)
                + Html.figure("backbone-val-accuracy", val, "Validation accuracy after each epoch.");
    }
}
