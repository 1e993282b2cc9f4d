package io.zerowaste.cli;

import io.zerowaste.report.HtmlReport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zerowaste report RUN_DIR… --out report.html}. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "One self-contained HTML page (inline SVG charts, tables, provenance; opens offline) from the results.json "
                + "of one or more runs of any kind; runs of the same kind share the axes.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run folders holding results.json (or the files themselves).")
    List<Path> runs;

    @Option(names = "--out", paramLabel = "FILE", description = "The page to write (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("report.html");

    @Override
    public Integer call() {
        Console.out("report: " + HtmlReport.write(runs, out));
        return ZeroWasteCli.OK;
    }
}
