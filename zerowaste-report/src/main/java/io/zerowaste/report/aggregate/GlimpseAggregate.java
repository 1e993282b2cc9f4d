package io.zerowaste.report.aggregate;

import com.fasterxml.jackson.databind.JsonNode;
import io.zerowaste.report.ReportRun;
import java.util.ArrayList;
import java.util.List;

/** Glimpses over seeds: test accuracy after 1, 2, 4, 8 … glimpses per policy, and on the full image. */
final class GlimpseAggregate {

    private GlimpseAggregate() {}

    static List<AggregateTable> tables(List<ReportRun> runs) {
        List<String> policies = SeedAggregate.names(runs.get(0).metrics().path("policies"));
        int glimpses = 0;
        for (String p : policies) {
            glimpses = Math.max(glimpses, of(runs.get(0), p).path("accuracy_by_glimpses").size());
        }
        List<Integer> counts = new ArrayList<>();
        for (int g = 1; g <= glimpses; g *= 2) {
            counts.add(g);
        }
        if (glimpses > 0 && !counts.contains(glimpses)) {
            counts.add(glimpses);
        }
        List<String> header = new ArrayList<>(List.of("policy"));
        counts.forEach(g -> header.add(g + (g == 1 ? " glimpse" : " glimpses")));
        header.add("full image");
        List<List<String>> rows = new ArrayList<>();
        for (String p : policies) {
            List<String> row = new ArrayList<>(List.of(p));
            for (int g : counts) {
                row.add(SeedAggregate.pct(runs, r -> of(r, p).path("accuracy_by_glimpses").path(g - 1)));
            }
            row.add(SeedAggregate.pct(runs, r -> of(r, p).path("full_image_accuracy")));
            rows.add(row);
        }
        return List.of(new AggregateTable("glimpse-accuracy", "test accuracy % after each number of glimpses, mean ± std over "
                + runs.size() + " seeds", header, rows));
    }

    private static JsonNode of(ReportRun r, String policy) {
        return r.metrics().path("policies").path(policy);
    }
}
