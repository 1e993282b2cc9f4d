package io.zerowaste.report;

import com.fasterxml.jackson.databind.JsonNode;
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
            JsonNode m = run.metrics();
            List<Double> acc = Section.doubles(m.path("val_accuracy"));
            Charts.line(val, run.label(), Section.oneTo(acc.size()), Section.percent(acc));
            rows.add(List.of(Html.escape(run.label()), Html.pct(Section.value(m.get("test_accuracy"))),
                    m.path("macs").asText("—"), m.path("params").asText("—"), Html.num(Section.value(m.get("train_seconds")), 0),
                    Html.num(Section.value(m.get("samples_per_second")), 0)));
        }
        return Html.table("backbone-summary", List.of("run", "test accuracy (%)", "MACs", "parameters", "train seconds", "samples/s"), rows)
                + Html.figure("backbone-val-accuracy", val, "Validation accuracy after each epoch.");
    }
}
