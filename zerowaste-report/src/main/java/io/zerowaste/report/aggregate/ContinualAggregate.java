package io.zerowaste.report.aggregate;

import com.fasterxml.jackson.databind.JsonNode;
import io.zerowaste.report.ReportRun;
import java.util.ArrayList;
import java.util.List;

/** Continual learning over seeds: each strategy's accuracy, forgetting and compute (task-aware figures for task-il). */
final class ContinualAggregate {

    private ContinualAggregate() {}

    static List<AggregateTable> tables(List<ReportRun> runs) {
        boolean taskIl = "task-il".equals(runs.get(0).root().path("config").path("scenario").asText());
        String p = taskIl ? "task_aware_" : "";
        List<List<String>> rows = new ArrayList<>();
        for (String name : SeedAggregate.names(runs.get(0).metrics().path("strategies"))) {
            rows.add(List.of(name,
                    SeedAggregate.pct(runs, r -> of(r, name).path(p + "final_average_accuracy")),
                    SeedAggregate.pct(runs, r -> of(r, name).path(p + "average_incremental_accuracy")),
                    SeedAggregate.pct(runs, r -> of(r, name).path(p + "forgetting")),
                    SeedAggregate.pct(runs, r -> of(r, name).path(p + "bwt")),
                    SeedAggregate.plain(runs, r -> of(r, name).path("train_macs"), 1e9, 1),
                    SeedAggregate.plain(runs, r -> of(r, name).path("compute_ratio_to_scratch"), 1, 2)));
        }
        String scenario = runs.get(0).root().path("config").path("scenario").asText();
        return List.of(new AggregateTable("continual-summary", scenario + (taskIl ? " (task-aware accuracies)" : "")
                + ", test figures in %, mean ± std over " + runs.size() + " seeds",
                List.of("strategy", "final acc", "avg incr", "forgetting", "BWT", "train GMACs", "vs scratch"), rows));
    }

    private static JsonNode of(ReportRun r, String strategy) {
        return r.metrics().path("strategies").path(strategy);
    }
}
