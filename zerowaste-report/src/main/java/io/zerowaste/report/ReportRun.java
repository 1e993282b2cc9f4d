package io.zerowaste.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.io.Json;
import io.zerowaste.core.result.ResultEnvelope;
import io.zerowaste.core.result.Results;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One run's {@code results.json}, read as a JSON tree so that any kind (exits, continual, glimpse, backbone)
 * and any later addition of keys can be drawn.
 *
 * @param label a short name for the run on charts: its folder name
 */
public record ReportRun(String label, Path file, JsonNode root) {

    public String kind() {
        return root.path("kind").asText("unknown");
    }

    public JsonNode metrics() {
        return root.path("metrics");
    }

    /** The metrics as the typed record of this run's kind. */
    public <M> M metricsAs(Class<M> type) {
        return Results.fromTree(root, type, file).metrics();
    }

    /** Reads {@code RUN_DIR/results.json} (or the file itself when a file is given). */
    public static ReportRun load(Path runDirOrFile) {
        if (!Files.exists(runDirOrFile)) {
            throw ZeroWasteException.badInput("no such run folder: " + runDirOrFile + " (pass a folder written by train, exits, continual or glimpse)");
        }
        Path file = Files.isDirectory(runDirOrFile) ? runDirOrFile.resolve(ResultEnvelope.FILE_NAME) : runDirOrFile;
        if (!Files.exists(file)) {
            throw ZeroWasteException.badInput("no results in " + runDirOrFile + ": " + file
                    + " is missing (pass a run folder written by train, exits, continual or glimpse)");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw ZeroWasteException.badInput("cannot read " + file + ": not valid JSON (" + firstLine(e.getMessage()) + ")", e);
        }
        if (root == null || !root.has("kind") || !root.has("metrics")) {
            throw ZeroWasteException.badInput(file + " is not a zerowaste results file (it needs \"kind\" and \"metrics\")");
        }
        Path abs = file.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        String label = dir == null || dir.getFileName() == null ? abs.getFileName().toString() : dir.getFileName().toString();
        return new ReportRun(label, file, root);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
