package io.zerowaste.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.io.AtomicFiles;
import io.zerowaste.core.io.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One self-contained HTML page (inline SVG charts and tables, no scripts, no network) from one or more
 * {@code results.json} files. Runs of the same kind are drawn on the same axes; each run's provenance is
 * listed at the end.
 */
public final class HtmlReport {

    public static final String FILE_NAME = "report.html";
    private static final List<Section> SECTIONS = List.of(new ExitsSection(), new ContinualSection(), new GlimpseSection(), new LifecycleSection(),
            new BackboneSection());

    private HtmlReport() {}

    /** Reads each run folder (or results file) and writes the page to {@code out}, atomically. */
    public static Path write(List<Path> runDirs, Path out) {
        if (runDirs.isEmpty()) {
            throw ZeroWasteException.badInput("no runs given: pass one or more run folders holding results.json");
        }
        List<ReportRun> runs = runDirs.stream().map(ReportRun::load).toList();
        String html = render(runs);
        AtomicFiles.write(out, html.getBytes(StandardCharsets.UTF_8));
        return out;
    }

    /** Writes {@code RUN_DIR/report.html} for one run and returns its path. */
    public static Path writeNextTo(Path runDir) {
        return write(List.of(runDir), runDir.resolve(FILE_NAME));
    }

    public static String render(List<ReportRun> runs) {
        StringBuilder body = new StringBuilder();
        for (Section s : SECTIONS) {
            List<ReportRun> mine = runs.stream().filter(r -> r.kind().equals(s.kind())).toList();
            if (!mine.isEmpty()) {
                body.append("<section data-kind=\"").append(s.kind()).append("\">\n<h2>").append(Html.escape(s.title())).append("</h2>\n");
                body.append(s.render(mine)).append("</section>\n");
            }
        }
        for (ReportRun r : runs) {
            if (SECTIONS.stream().noneMatch(s -> s.kind().equals(r.kind()))) {
                body.append("<section data-kind=\"").append(Html.escape(r.kind())).append("\">\n<h2>").append(Html.escape(r.label()))
                        .append(" (").append(Html.escape(r.kind())).append(")</h2>\n<pre>")
                        .append(Html.escape(Json.toString(r.metrics()))).append("</pre>\n</section>\n");
            }
        }
        body.append(provenance(runs));
        String title = "zerowaste report: " + String.join(", ", runs.stream().map(ReportRun::label).toList());
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + Html.escape(title) + "</title>\n<style>\n"
                + STYLE + "</style>\n</head>\n<body>\n<h1>" + Html.escape(title) + "</h1>\n" + body + "</body>\n</html>\n";
    }

    private static String provenance(List<ReportRun> runs) {
        StringBuilder sb = new StringBuilder("<section data-kind=\"provenance\">\n<h2>Provenance</h2>\n");
        for (ReportRun r : runs) {
            JsonNode p = r.root().path("provenance");
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("kind", Html.escape(r.kind())));
            rows.add(List.of("run id", Html.escape(r.root().path("run_id").asText("—"))));
            rows.add(List.of("results file", Html.escape(r.file().toString())));
            for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) p::fields) {
                if (!e.getKey().equals("config")) {
                    rows.add(List.of(Html.escape(e.getKey()), Html.escape(e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString())));
                }
            }
            sb.append("<h3>").append(Html.escape(r.label())).append("</h3>\n");
            sb.append(Html.table("provenance-" + r.label(), List.of("field", "value"), rows));
            sb.append("<details><summary>configuration</summary><pre>").append(Html.escape(Json.toString(r.root().path("config"))))
                    .append("</pre></details>\n");
        }
        return sb.append("</section>\n").toString();
    }

    private static final String STYLE = """
            body { font-family: sans-serif; margin: 2em auto; max-width: 1400px; color: #222; }
            h1 { font-size: 1.5em; } h2 { border-bottom: 1px solid #ccc; padding-bottom: .2em; margin-top: 2em; }
            table { border-collapse: collapse; margin: 1em 0; }
            th, td { border: 1px solid #ccc; padding: .25em .6em; text-align: right; }
            th:first-child, td:first-child { text-align: left; }
            figure { display: inline-block; margin: .5em; vertical-align: top; }
            figcaption { font-size: .85em; color: #555; max-width: 640px; }
            .grid figure { margin: .2em; }
            pre { background: #f6f6f6; padding: .5em; overflow-x: auto; }
            """;
}
