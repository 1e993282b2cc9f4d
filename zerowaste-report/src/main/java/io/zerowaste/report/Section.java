package io.zerowaste.report;

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

    static List<Double> nanForNull(List<Double> values) {
        return values == null ? List.of() : values.stream().map(v -> v == null ? Double.NaN : v).toList();
    }

    static double[][] matrix(List<double[]> rows) {
        return rows == null ? new double[0][] : rows.toArray(double[][]::new);
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
