package io.zerowaste.report.aggregate;

import io.zerowaste.core.result.GlimpseMetrics;
import io.zerowaste.core.result.PolicyMetrics;
import io.zerowaste.report.ReportRun;
import java.util.ArrayList;
import java.util.List;

/** Glimpses over seeds: test accuracy after 1, 2, 4, 8 … glimpses per policy (and from its fixed start), and on the full image. */
final class GlimpseAggregate {

    private GlimpseAggregate() {}

    static List<AggregateTable> tables(List<ReportRun> runs) {
        GlimpseMetrics first = runs.get(0).metricsAs(GlimpseMetrics.class);
        int glimpses = first.policies().values().stream().mapToInt(p -> p.accuracyByGlimpses().size()).max().orElse(0);
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
        for (String p : first.policies().keySet()) {
            List<String> row = new ArrayList<>(List.of(p));
            for (int g : counts) {
                row.add(SeedAggregate.pct(runs, r -> at(policy(r, p).accuracyByGlimpses(), g - 1)));
            }
            row.add(SeedAggregate.pct(runs, r -> policy(r, p).fullImageAccuracy()));
            rows.add(row);
            if (first.policies().get(p).fixedStartAccuracyByGlimpses() != null) {
                List<String> fixed = new ArrayList<>(List.of(p + " (fixed start)"));
                for (int g : counts) {
                    fixed.add(SeedAggregate.pct(runs, r -> policy(r, p).fixedStartAccuracyByGlimpses() == null ? null
                            : at(policy(r, p).fixedStartAccuracyByGlimpses(), g - 1)));
                }
                fixed.add(SeedAggregate.pct(runs, r -> policy(r, p).fullImageAccuracy()));
                rows.add(fixed);
            }
        }
        return List.of(new AggregateTable("glimpse-accuracy", "test accuracy % after each number of glimpses, mean ± std over "
                + runs.size() + " seeds", header, rows));
    }

    private static PolicyMetrics policy(ReportRun r, String name) {
        return r.metricsAs(GlimpseMetrics.class).policies().get(name);
    }

    private static Double at(List<Double> values, int i) {
        return i < values.size() ? values.get(i) : null;
    }
}
