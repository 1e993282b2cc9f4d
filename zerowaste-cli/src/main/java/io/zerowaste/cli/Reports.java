package io.zerowaste.cli;

import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.report.HtmlReport;
import java.nio.file.Path;

/** Writes RUN_DIR/report.html after a command wrote RUN_DIR/results.json, and says where it is. */
final class Reports {

    private Reports() {}

    /** The line to print: where the report is, or why there is none (the results are kept either way). */
    static String writeNextTo(Path runDir) {
        try {
            return "report: " + HtmlReport.writeNextTo(runDir);
        } catch (ZeroWasteException | IllegalStateException e) {
            return "report: not written (" + e.getMessage() + "); the results are in " + runDir;
        }
    }
}
