package io.zerowaste.report;

import java.util.List;
import java.util.Locale;

/** Small HTML helpers: escaping, number formatting and tables that tests (and people) can read back. */
public final class Html {

    private Html() {}

    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A fraction as a percentage with two decimals ("93.19"); "—" for null or NaN. */
    public static String pct(Double fraction) {
        return fraction == null || fraction.isNaN() ? "—" : String.format(Locale.ROOT, "%.2f", 100 * fraction);
    }

    public static String num(Double v, int decimals) {
        return v == null || v.isNaN() ? "—" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** A table with a {@code data-table} name, a header row and body rows (cells already escaped). */
    public static String table(String name, List<String> header, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder("<table data-table=\"").append(escape(name)).append("\">\n<thead><tr>");
        header.forEach(h -> sb.append("<th>").append(escape(h)).append("</th>"));
        sb.append("</tr></thead>\n<tbody>\n");
        for (List<String> r : rows) {
            sb.append("<tr>");
            r.forEach(c -> sb.append("<td>").append(c).append("</td>"));
            sb.append("</tr>\n");
        }
        return sb.append("</tbody>\n</table>\n").toString();
    }

    /** A chart wrapped in a figure named by {@code data-chart}, with a caption and its data table folded away. */
    public static String figure(String name, String svg, String caption, String dataTable) {
        return "<figure data-chart=\"" + escape(name) + "\">\n" + svg + "\n<figcaption>" + escape(caption)
                + "</figcaption>\n<details><summary>data</summary>\n" + dataTable + "</details>\n</figure>\n";
    }

    /** An XY chart as a figure with its plotted values. */
    public static String figure(String name, org.knowm.xchart.XYChart chart, String caption) {
        return figure(name, Charts.svg(chart), caption, Charts.dataTable(name, chart));
    }
}
