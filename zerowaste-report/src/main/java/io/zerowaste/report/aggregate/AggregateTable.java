package io.zerowaste.report.aggregate;

import java.util.List;

/** One table of figures averaged over seeds: a title, the column names and rows of formatted cells. */
public record AggregateTable(String name, String title, List<String> header, List<List<String>> rows) {

    /** The table as GitHub markdown, ready to paste into a README. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("**" + title + "**\n\n| " + String.join(" | ", header) + " |\n|");
        header.forEach(h -> sb.append("---|"));
        sb.append('\n');
        rows.forEach(r -> sb.append("| ").append(String.join(" | ", r)).append(" |\n"));
        return sb.toString();
    }

    /** The table as aligned plain text. */
    public String text() {
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            for (List<String> r : rows) {
                width[c] = Math.max(width[c], r.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder(title).append('\n');
        appendLine(sb, header, width);
        rows.forEach(r -> appendLine(sb, r, width));
        return sb.toString();
    }

    private static void appendLine(StringBuilder sb, List<String> cells, int[] width) {
        for (int c = 0; c < cells.size(); c++) {
            sb.append(String.format("%-" + width[c] + "s", cells.get(c))).append(c + 1 < cells.size() ? "  " : "\n");
        }
    }
}
