package io.zerowaste.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zerowaste.core.ZeroWasteException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    @TempDir
    Path tmp;

    private static final String EXITS = """
            {"kind": "exits", "run_id": "abc", "provenance": {"seed": 0, "dataset_name": "fashion-mnist", "git_commit": "1234567"},
             "config": {"methods": ["sdn", "ztw"]},
             "metrics": {"backbone_test_accuracy": 0.9319, "backbone_macs": 20183936,
               "head_cost_fraction": [0.196, 0.386, 0.537, 0.727, 0.881, 1.06],
               "methods": {
                 "sdn": {"budget_accuracy": {"25": 0.8633, "50": 0.9281, "75": 0.9301, "100": 0.9310}, "max_accuracy": 0.9312,
                         "auc": 0.7301, "per_head_accuracy": [0.81, 0.85, 0.88, 0.90, 0.92, 0.93],
                         "curve": [{"param": 0, "accuracy": 0.81, "cost_fraction": 0.196}, {"param": 0.9, "accuracy": 0.928, "cost_fraction": 0.47}]},
                 "ztw": {"budget_accuracy": {"25": 0.8677, "50": 0.9283, "75": 0.9315, "100": null}, "max_accuracy": 0.9319,
                         "auc": 0.7376, "per_head_accuracy": [0.82, 0.86, 0.89, 0.91, 0.92, 0.93],
                         "curve": [{"param": 0, "accuracy": 0.82, "cost_fraction": 0.196}, {"param": 0.91, "accuracy": 0.9269, "cost_fraction": 0.474}],
                         "chosen": {"param": 0.91, "accuracy": 0.9269, "cost_fraction": 0.474}}}}}
            """;

    private static final String CONTINUAL = """
            {"kind": "continual", "run_id": "def", "provenance": {"seed": 1}, "config": {"scenario": "class-il"},
             "metrics": {"strategies": {
               "scratch": {"accuracy_matrix": [[0.99, 0.0], [0.95, 0.97]], "final_average_accuracy": 0.96,
                           "average_incremental_accuracy": 0.975, "forgetting": 0.04, "bwt": -0.04, "fwt": null,
                           "train_macs": 3.0e12, "train_seconds": 120.0, "compute_ratio_to_scratch": 1.0, "steps_to_scratch_accuracy": 400},
               "finetune": {"accuracy_matrix": [[0.99, 0.0], [0.0, 0.98]], "final_average_accuracy": 0.49,
                           "average_incremental_accuracy": 0.7375, "forgetting": 0.99, "bwt": -0.99, "fwt": null,
                           "train_macs": 1.0e12, "train_seconds": 40.0, "compute_ratio_to_scratch": 0.3333, "steps_to_scratch_accuracy": null}}}}
            """;

    private static final String GLIMPSE = """
            {"kind": "glimpse", "run_id": "ghi", "provenance": {}, "config": {},
             "metrics": {"policies": {
               "entropy": {"accuracy_by_glimpses": [0.41, 0.55, 0.63, 0.70, 0.74, 0.77, 0.79, 0.80], "full_image_accuracy": 0.86,
                           "stop_curve": [{"threshold": 0.5, "accuracy": 0.6, "pixel_fraction": 0.2}], "reconstruction_rmse_by_glimpses": [0.3],
                           "fixed_start_accuracy_by_glimpses": [0.20, 0.50, 0.66, 0.70, 0.74, 0.77, 0.79, 0.81],
                           "fixed_start_reconstruction_rmse_by_glimpses": [0.25]},
               "random": {"accuracy_by_glimpses": [0.40, 0.52, 0.60, 0.68, 0.72, 0.75, 0.77, 0.78], "full_image_accuracy": 0.86,
                          "stop_curve": [], "reconstruction_rmse_by_glimpses": [0.3]}},
               "encoder_macs_by_glimpses": [2000000, 4000000, 6000000, 8000000, 9000000, 10000000, 11000000, 12000000],
               "encoder_macs_full_image": 24000000, "decoder_macs": 12000000}}
            """;

    private Path run(String name, String json) throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.json"), json);
        return dir;
    }

    @Test
    void exitsPageHasEveryChartAndTheBudgetTableShowsTheResultsNumbers() throws IOException {
        Path out = HtmlReport.writeNextTo(run("exits-run", EXITS));
        Document page = Jsoup.parse(Files.readString(out));
        for (String chart : List.of("exits-cost-curve", "exits-per-head", "exits-head-overhead")) {
            Element fig = page.selectFirst("figure[data-chart=" + chart + "]");
            assertThat(fig).as(chart).isNotNull();
            assertThat(fig.selectFirst("svg")).as(chart + " is inline SVG").isNotNull();
        }
        Element budget = page.selectFirst("table[data-table=exits-budget]");
        assertThat(row(budget, "SDN")).containsExactly("SDN", "86.33", "92.81", "93.01", "93.10", "—", "93.12", "73.01");
        // a result written before the oracle was named: its max_accuracy is read as the oracle
        assertThat(row(budget, "ZTW")).containsExactly("ZTW", "86.77", "92.83", "93.15", "—", "—", "93.19", "73.76");
        assertThat(row(budget, "backbone").get(4)).isEqualTo("93.19");
        assertThat(row(page.selectFirst("table[data-table=exits-chosen]"), "ZTW")).containsExactly("ZTW", "0.9100", "92.69", "47.40");
        // the curve is drawn from the results: its data table lists exactly the plotted points
        Element curve = page.selectFirst("table[data-table=exits-cost-curve-data]");
        assertThat(row(curve, "ZTW")).containsExactly("ZTW", "19.6000", "82.0000");
        assertThat(row(curve, "backbone")).containsExactly("backbone", "100.0000", "93.1900");
        assertThat(curve.select("tbody tr")).hasSize(5);
        assertThat(row(page.selectFirst("table[data-table=exits-per-head-data]"), "SDN")).containsExactly("SDN", "1.0000", "81.0000");
        assertThat(page.select("script")).isEmpty();
        // self-contained: nothing to fetch (the only URLs are the SVG namespace names)
        String html = Files.readString(out).replace("xmlns=\"http://www.w3.org/2000/svg\"", "")
                .replace("xmlns:xlink=\"http://www.w3.org/1999/xlink\"", "");
        assertThat(html).doesNotContain("http://", "https://", " src=", "@import");
        assertThat(html).doesNotContainPattern("url\\((?!#)"); // clip paths refer to ids in the page only
    }

    private static final String LIFECYCLE = """
            {"kind": "lifecycle", "run_id": "lc", "provenance": {"seed": 0}, "config": {},
             "metrics": {"scenario": "class-il", "strategy": "replay", "versions": [
               {"version": 1, "id": "ztw@aaa", "parent": null, "classes_seen": 2, "new_classes": ["Dress", "Coat"], "train_images": 12000,
                "accuracy": 0.95, "backbone_accuracy": 0.96, "threshold": 0.9, "cost_fraction": 0.4, "training_macs": 2.0e12,
                "scratch_macs": 2.0e12, "lineage_macs": 2.0e12, "train_seconds": 60},
               {"version": 2, "id": "ztw@bbb", "parent": "ztw@aaa", "classes_seen": 4, "new_classes": ["A", "B"], "train_images": 12000,
                "accuracy": 0.80, "backbone_accuracy": 0.82, "threshold": 0.8, "cost_fraction": 0.5, "training_macs": 1.0e12,
                "scratch_macs": 4.0e12, "lineage_macs": 3.0e12, "train_seconds": 30, "scratch_accuracy": 0.84,
                "swap_seconds": 0.5, "swap_status": {"200": 40}, "swap_p99_ms": 120}],
             "serving": {"concurrency": 32, "requests": 1000, "status": {"200": 990, "503": 10}, "steady_p50_ms": 5, "steady_p99_ms": 50,
                "swap_p99_ms": 120, "stale_answers": 0, "server": "test"}}}
            """;

    @Test
    void lifecyclePageHasAccuracyAndComputePerVersionAndTheSwaps() throws IOException {
        Path out = HtmlReport.writeNextTo(run("lc-run", LIFECYCLE));
        Document page = Jsoup.parse(Files.readString(out));
        for (String chart : List.of("lifecycle-accuracy", "lifecycle-compute")) {
            assertThat(page.selectFirst("figure[data-chart=" + chart + "] svg")).as(chart).isNotNull();
        }
        Element versions = page.selectFirst("table[data-table=lifecycle-versions-replay]");
        assertThat(row(versions, "2")).containsExactly("2", "ztw@bbb", "4", "80.00", "82.00", "84.00", "0.8000", "0.500", "1000.0", "4000.0",
                "0.25", "0.50", "{200=40}", "120");
        assertThat(row(page.selectFirst("table[data-table=lifecycle-serving-replay]"), "1000")).contains("0", "50.0", "120.0");
    }

    @Test
    void continualPageHasHeatMapsCurvesAndTheSummary() throws IOException {
        Path out = HtmlReport.writeNextTo(run("cl-run", CONTINUAL));
        Document page = Jsoup.parse(Files.readString(out));
        for (String chart : List.of("continual-average-accuracy", "continual-accuracy-vs-compute", "continual-matrix-scratch",
                "continual-matrix-finetune")) {
            assertThat(page.selectFirst("figure[data-chart=" + chart + "] svg")).as(chart).isNotNull();
        }
        Element summary = page.selectFirst("table[data-table=continual-summary]");
        assertThat(row(summary, "scratch")).containsExactly("scratch", "96.00", "97.50", "4.00", "-4.00", "—", "3000.0", "120", "1.00", "400");
        assertThat(row(summary, "finetune")).containsExactly("finetune", "49.00", "73.75", "99.00", "-99.00", "—", "1000.0", "40", "0.33", "—");
        // the heat map's data is R in percent
        Element r = page.selectFirst("table[data-table=continual-matrix-finetune-data]");
        assertThat(row(r, "after 2")).containsExactly("after 2", "0.00", "98.00");
        assertThat(row(page.selectFirst("table[data-table=continual-accuracy-vs-compute-data]"), "scratch (reference)"))
                .containsExactly("scratch (reference)", "3000.0000", "96.0000");
        assertThat(row(page.selectFirst("table[data-table=continual-average-accuracy-data]"), "finetune").get(2)).isEqualTo("99.0000");
    }

    @Test
    void severalRunsShareAxesAndGlimpseResultsAreDrawn() throws IOException {
        Path a = run("seed0", EXITS);
        Path b = run("seed1", EXITS.replace("0.8633", "0.8700"));
        Path g = run("glimpse-run", GLIMPSE);
        Path out = HtmlReport.write(List.of(a, b, g), tmp.resolve("all.html"));
        Document page = Jsoup.parse(Files.readString(out));
        assertThat(page.select("figure[data-chart=exits-cost-curve]")).hasSize(1);
        Element curve = page.selectFirst("table[data-table=exits-cost-curve-data]");
        assertThat(curve.select("tbody tr").eachText()).anyMatch(t -> t.startsWith("seed0: SDN")).anyMatch(t -> t.startsWith("seed1: SDN"));
        assertThat(row(page.selectFirst("table[data-table=exits-budget]"), "seed1: SDN").get(1)).isEqualTo("87.00");
        assertThat(row(page.selectFirst("table[data-table=glimpse-summary]"), "entropy"))
                .containsExactly("entropy", "41.00", "55.00", "70.00", "80.00", "0.3000", "86.00");
        assertThat(row(page.selectFirst("table[data-table=glimpse-summary]"), "entropy (fixed start)"))
                .containsExactly("entropy (fixed start)", "20.00", "50.00", "70.00", "81.00", "0.2500", "86.00");
        assertThat(row(page.selectFirst("table[data-table=glimpse-summary]"), "encoder MACs"))
                .containsExactly("encoder MACs", "2.00 M", "4.00 M", "8.00 M", "12.00 M", "—", "24.00 M");
        assertThat(page.selectFirst("figure[data-chart=glimpse-accuracy-vs-pixels] svg")).isNotNull();
        assertThat(page.select("section[data-kind=provenance] table")).hasSize(3);
        assertThat(page.selectFirst("table[data-table=provenance-seed0]").text()).contains("fashion-mnist", "1234567");
    }

    @Test
    void badInputGetsAOneLineMessage() throws IOException {
        assertThatThrownBy(() -> HtmlReport.write(List.of(tmp.resolve("nope")), tmp.resolve("r.html")))
                .isInstanceOf(ZeroWasteException.class).hasMessageContaining("no such run folder");
        Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> HtmlReport.write(List.of(tmp.resolve("empty")), tmp.resolve("r.html")))
                .isInstanceOf(ZeroWasteException.class).hasMessageContaining("results.json is missing");
        Path bad = run("bad", "{ not json");
        assertThatThrownBy(() -> HtmlReport.write(List.of(bad), tmp.resolve("r.html")))
                .isInstanceOf(ZeroWasteException.class).hasMessageContaining("not valid JSON");
        Path other = run("other", "{\"a\": 1}");
        assertThatThrownBy(() -> HtmlReport.write(List.of(other), tmp.resolve("r.html")))
                .hasMessageContaining("not a zerowaste results file");
    }

    private static List<String> row(Element table, String first) {
        for (Element tr : table.select("tbody tr")) {
            if (tr.child(0).text().equals(first)) {
                return tr.children().eachText();
            }
        }
        throw new AssertionError("no row '" + first + "' in " + table.attr("data-table") + String.format(Locale.ROOT, ""));
    }
}
