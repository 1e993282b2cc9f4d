package io.zerowaste.report.aggregate;

import io.zerowaste.core.result.ContinualRunMetrics;
import io.zerowaste.core.result.StrategyMetrics;
import io.zerowaste.report.ReportRun;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Continual learning over seeds: each strategy's accuracy, forgetting and compute (task-aware figures for task-il). */
final class ContinualAggregate {

    private ContinualAggregate() {}

    static List<AggregateTable> tables(List<ReportRun> runs) {
        String scenario = runs.get(0).root().path("config").path("scenario").asText();
        boolean taskIl = "task-il".equals(scenario);
        List<List<String>> rows = new ArrayList<>();
        for (String name : metrics(runs.get(0)).strategies().keySet()) {
            Function<ReportRun, StrategyMetrics> of = r -> metrics(r).strategies().get(name);
            rows.add(List.of(name,
                    SeedAggregate.pct(runs, r -> taskIl ? of.apply(r).taskAwareFinalAverageAccuracy() : of.apply(r).finalAverageAccuracy()),
                    SeedAggregate.pct(runs, r -> taskIl ? of.apply(r).taskAwareAverageIncrementalAccuracy()
                            : of.apply(r).averageIncrementalAccuracy()),
                    SeedAggregate.pct(runs, r -> taskIl ? of.apply(r).taskAwareForgetting() : of.apply(r).forgetting()),
                    SeedAggregate.pct(runs, r -> taskIl ? of.apply(r).taskAwareBwt() : of.apply(r).bwt()),
                    SeedAggregate.plain(runs, r -> (double) of.apply(r).trainMacs(), 1e9, 1),
                    SeedAggregate.plain(runs, r -> of.apply(r).computeRatioToScratch(), 1, 2)));
        }
        return List.of(new AggregateTable("continual-summary", scenario + (taskIl ? " (task-aware accuracies)" : "")
                + ", test figures in %, mean ± std over " + runs.size() + " seeds",
                List.of("strategy", "final acc", "avg incr", "forgetting", "BWT", "train GMACs", "vs scratch"), rows));
    }

    private static ContinualRunMetrics metrics(ReportRun r) {
        return r.metricsAs(ContinualRunMetrics.class);
    }
}
