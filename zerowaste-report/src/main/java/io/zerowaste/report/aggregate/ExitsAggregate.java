package io.zerowaste.report.aggregate;

import io.zerowaste.core.result.ExitsMetrics;
import io.zerowaste.core.result.MethodMetrics;
import io.zerowaste.report.ReportRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Early exits over seeds: the budget table (test accuracy at 25/50/75/100 % of the backbone's cost) per method. */
final class ExitsAggregate {

    private static final List<String> BUDGETS = List.of("25", "50", "75", "100");

    private ExitsAggregate() {}

    static List<AggregateTable> tables(List<ReportRun> runs) {
        List<List<String>> rows = new ArrayList<>();
        for (String method : metrics(runs.get(0)).methods().keySet()) {
            Function<ReportRun, MethodMetrics> of = r -> metrics(r).methods().get(method);
            List<String> row = new ArrayList<>();
            row.add(method.toUpperCase(Locale.ROOT));
            for (String b : BUDGETS) {
                row.add(SeedAggregate.pct(runs, r -> of.apply(r) == null ? null : of.apply(r).budgetAccuracy().get(b)));
            }
            row.add(SeedAggregate.pct(runs, r -> of.apply(r) == null ? null : of.apply(r).validationChosenMaxAccuracy()));
            row.add(SeedAggregate.pct(runs, r -> of.apply(r) == null ? null : of.apply(r).auc()));
            rows.add(row);
        }
        rows.add(List.of("backbone", "—", "—", "—", SeedAggregate.pct(runs, r -> metrics(r).backboneTestAccuracy()), "—", "—"));
        return List.of(new AggregateTable("exits-budget", "test accuracy % at a compute budget (fraction of the backbone; setting "
                + "chosen on validation), mean ± std over " + runs.size() + " seeds",
                List.of("method", "25%", "50%", "75%", "100%", "max (validation-chosen)", "AUC %"), rows));
    }

    private static ExitsMetrics metrics(ReportRun r) {
        return r.metricsAs(ExitsMetrics.class);
    }
}
