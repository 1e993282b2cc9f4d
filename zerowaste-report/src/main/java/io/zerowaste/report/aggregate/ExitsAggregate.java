package io.zerowaste.report.aggregate;

import com.fasterxml.jackson.databind.JsonNode;
import io.zerowaste.report.ReportRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Early exits over seeds: the budget table (test accuracy at 25/50/75/100 % of the backbone's cost) per method. */
final class ExitsAggregate {

    private static final List<String> BUDGETS = List.of("25", "50", "75", "100");

    private ExitsAggregate() {}

    static List<AggregateTable> tables(List<ReportRun> runs) {
        List<List<String>> rows = new ArrayList<>();
        for (String method : SeedAggregate.names(runs.get(0).metrics().path("methods"))) {
            List<String> row = new ArrayList<>();
            row.add(method.toUpperCase(Locale.ROOT));
            for (String b : BUDGETS) {
                row.add(SeedAggregate.pct(runs, r -> of(r, method).path("budget_accuracy").path(b)));
            }
            row.add(SeedAggregate.pct(runs, r -> of(r, method).path("validation_chosen_max_accuracy")));
            row.add(SeedAggregate.pct(runs, r -> of(r, method).path("auc")));
            rows.add(row);
        }
        rows.add(List.of("backbone", "—", "—", "—", SeedAggregate.pct(runs, r -> r.metrics().path("backbone_test_accuracy")), "—", "—"));
        return List.of(new AggregateTable("exits-budget", "test accuracy % at a compute budget (fraction of the backbone; setting "
                + "chosen on validation), mean ± std over " + runs.size() + " seeds",
                List.of("method", "25%", "50%", "75%", "100%", "max (validation-chosen)", "AUC %"), rows));
    }

    private static JsonNode of(ReportRun r, String method) {
        return r.metrics().path("methods").path(method);
    }
}
