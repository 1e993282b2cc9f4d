package io.zerowaste.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The part of the page for one kind of result; several runs of that kind share its axes. */
interface Section {

    /** The results kind this section draws ("exits", "continual", …). */
    String kind();

    String title();

    /** HTML for the runs (all of this kind, at least one). */
    String render(List<ReportRun> runs);

    /** The series name: the plain name for one run, "run: name" when several share the axes. */
    static String series(List<ReportRun> runs, ReportRun run, String name) {
        return runs.size() == 1 ? name : run.label() + ": " + name;
    }

    static List<Double> doubles(JsonNode array) {
        List<Double> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isNull() ? Double.NaN : n.asDouble()));
        return out;
    }

    static Double value(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.asDouble();
    }

    static double[][] matrix(JsonNode rows) {
        double[][] m = new double[rows.size()][];
        for (int r = 0; r < rows.size(); r++) {
            m[r] = doubles(rows.get(r)).stream().mapToDouble(Double::doubleValue).toArray();
        }
        return m;
    }

    static List<Integer> oneTo(int n) {
        List<Integer> x = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            x.add(i);
        }
        return x;
    }

    static List<Double> percent(List<Double> fractions) {
        return fractions.stream().map(f -> 100 * f).toList();
    }
}
