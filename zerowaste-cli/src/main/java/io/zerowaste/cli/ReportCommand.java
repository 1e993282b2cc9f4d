package io.zerowaste.cli;

import io.zerowaste.report.HtmlReport;
import io.zerowaste.report.aggregate.AggregateReport;
import io.zerowaste.report.aggregate.AggregateTable;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zerowaste report RUN_DIR… [--aggregate [--markdown]] --out report.html}. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "One self-contained HTML page (inline SVG charts, tables, provenance; opens offline) from the results.json "
                + "of one or more runs of any kind; runs of the same kind share the axes. With --aggregate: the mean ± std tables "
                + "over runs that differ only in their seed.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run folders holding results.json (or the files themselves).")
    List<Path> runs;

    @Option(names = "--aggregate", description = "Mean ± std tables over runs of one kind and configuration that differ only in --seed.")
    boolean aggregate;

    @Option(names = "--markdown", description = "With --aggregate: print the tables as markdown (as pasted in the README).")
    boolean markdown;

    @Option(names = "--out", paramLabel = "FILE", description = "The page to write (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("report.html");

    @Override
    public Integer call() {
        if (!aggregate) {
            Console.out("report: " + HtmlReport.write(runs, out));
            return ZeroWasteCli.OK;
        }
        AggregateReport.Outcome o = AggregateReport.write(runs, out);
        for (int i = 0; i < o.tables().size(); i++) {
            AggregateTable t = o.tables().get(i);
            // a blank line between tables, or markdown would run the next title into the table above it
            Console.out((i > 0 ? "\n" : "") + (markdown ? t.markdown() : t.text()).stripTrailing());
        }
        Console.out("report: " + o.page());
        return ZeroWasteCli.OK;
    }
}
