package io.zerowaste.report.aggregate;

import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.io.AtomicFiles;
import io.zerowaste.report.Html;
import io.zerowaste.report.ReportRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** {@code report --aggregate}: reads the runs, builds the mean ± std tables and writes them as one HTML page. */
public final class AggregateReport {

    /** The tables, and the page they were written to. */
    public record Outcome(List<AggregateTable> tables, Path page) {}

    private AggregateReport() {}

    public static Outcome write(List<Path> runDirs, Path out) {
        if (runDirs.isEmpty()) {
            throw ZeroWasteException.badInput("no runs given: pass two or more run folders holding results.json");
        }
        List<ReportRun> runs = runDirs.stream().map(ReportRun::load).toList();
        List<AggregateTable> tables = SeedAggregate.tables(runs);
        StringBuilder body = new StringBuilder();
        for (AggregateTable t : tables) {
            body.append("<h2>").append(Html.escape(t.title())).append("</h2>\n");
            body.append(Html.table(t.name(), t.header(), t.rows().stream().map(r -> r.stream().map(Html::escape).toList()).toList()));
        }
        body.append("<p>runs: ").append(Html.escape(String.join(", ", runs.stream().map(r -> r.file().toString()).toList())))
                .append("</p>\n");
        String html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>zerowaste aggregate</title>\n"
                + "<style>body{font-family:sans-serif;margin:2em auto;max-width:1200px}table{border-collapse:collapse}"
                + "th,td{border:1px solid #ccc;padding:.25em .6em;text-align:right}th:first-child,td:first-child{text-align:left}</style>\n"
                + "</head>\n<body>\n<h1>zerowaste: mean ± std over seeds</h1>\n" + body + "</body>\n</html>\n";
        AtomicFiles.write(out, html.getBytes(StandardCharsets.UTF_8));
        return new Outcome(tables, out);
    }
}
