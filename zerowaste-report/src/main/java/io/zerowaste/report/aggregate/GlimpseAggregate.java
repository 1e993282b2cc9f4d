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
        counts.forEach(g -> header.add(glimpsesLabel(g)));
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
        List<AggregateTable> tables = new ArrayList<>();
        tables.add(new AggregateTable("glimpse-accuracy", "test accuracy % after each number of glimpses, mean ± std over "
                + runs.size() + " seeds", header, rows));
        tables.add(stopAndReconstruction(runs, first, counts));
        if (first.policies().containsKey(ENTROPY)) {
            tables.add(entropyMargins(runs, first, counts));
        }
        return tables;
    }

    private static final String ENTROPY = "entropy";

    /** Per policy (data-driven start): reconstruction RMSE per glimpse count, and the stop rule's pixels for full − 1 point. */
    private static AggregateTable stopAndReconstruction(List<ReportRun> runs, GlimpseMetrics first, List<Integer> counts) {
        List<String> header = new ArrayList<>(List.of("policy"));
        counts.forEach(g -> header.add("pixels % @" + g));
        counts.forEach(g -> header.add("RMSE @" + g));
        header.add("pixels % for full−1, stop at the last glimpse");
        header.add("pixels % for full−1, else full image");
        List<List<String>> rows = new ArrayList<>();
        for (String p : first.policies().keySet()) {
            List<String> row = new ArrayList<>(List.of(p));
            for (int g : counts) {
                row.add(SeedAggregate.pct(runs, r -> at(policy(r, p).pixelFractionByGlimpses(), g - 1)));
            }
            for (int g : counts) {
                row.add(SeedAggregate.plain(runs, r -> at(policy(r, p).reconstructionRmseByGlimpses(), g - 1), 1, 4));
            }
            row.add(SeedAggregate.pct(runs, r -> policy(r, p).pixelFractionForFullMinus1()));
            row.add(SeedAggregate.pct(runs, r -> policy(r, p).fallbackPixelFractionForFullMinus1()));
            rows.add(row);
        }
        return new AggregateTable("glimpse-stop", "share of pixels seen after each number of glimpses (overlapping windows see less), "
                + "reconstruction RMSE (0..1) and the share of pixels the stop rule "
                + "needs to come within 1 point of the full image (— where a seed never gets there), mean ± std over " + runs.size() + " seeds",
                header, rows);
    }

    /** Entropy's accuracy minus each other policy's, seed by seed, at each glimpse count. */
    private static AggregateTable entropyMargins(List<ReportRun> runs, GlimpseMetrics first, List<Integer> counts) {
        List<String> header = new ArrayList<>(List.of("entropy −"));
        counts.forEach(g -> header.add(glimpsesLabel(g)));
        List<List<String>> rows = new ArrayList<>();
        for (String p : first.policies().keySet()) {
            if (ENTROPY.equals(p)) {
                continue;
            }
            List<String> row = new ArrayList<>(List.of(p));
            for (int g : counts) {
                row.add(SeedAggregate.pct(runs, r -> {
                    Double e = at(policy(r, ENTROPY).accuracyByGlimpses(), g - 1);
                    Double o = at(policy(r, p).accuracyByGlimpses(), g - 1);
                    return e == null || o == null ? null : e - o;
                }));
            }
            rows.add(row);
        }
        return new AggregateTable("glimpse-entropy-margin", "entropy's test accuracy minus each policy's, in points, mean ± std of the "
                + "per-seed margin over " + runs.size() + " seeds", header, rows);
    }

    private static PolicyMetrics policy(ReportRun r, String name) {
        return r.metricsAs(GlimpseMetrics.class).policies().get(name);
    }

    private static Double at(List<Double> values, int i) {
        return values != null && i < values.size() ? values.get(i) : null;
    }

    /** "1 glimpse", "2 glimpses", …: the column heading of a glimpse count. */
    private static String glimpsesLabel(int g) {
        return g + (g == 1 ? " glimpse" : " glimpses");
    }
}
