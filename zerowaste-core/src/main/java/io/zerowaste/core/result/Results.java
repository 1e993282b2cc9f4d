package io.zerowaste.core.result;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Writes and reads {@code results.json} files with their typed metrics. */
public final class Results {

    private Results() {}

    public static void write(Path dir, ResultEnvelope<?> result) {
        Json.write(dir.resolve(ResultEnvelope.FILE_NAME), result);
    }

    /** Reads a results file whose kind must be {@code kind}; a file of another kind is a one-line error. */
    public static <M> ResultEnvelope<M> read(Path file, ResultKind kind, Class<M> metricsType) {
        JsonNode root = tree(file);
        ResultKind actual = ResultKind.of(root.path("kind").asText());
        if (actual != kind) {
            throw ZeroWasteException.badInput(file + " holds " + actual.label() + " results, not " + kind.label() + " results");
        }
        return fromTree(root, metricsType, file);
    }

    /** The typed envelope of a JSON tree already read. */
    public static <M> ResultEnvelope<M> fromTree(JsonNode root, Class<M> metricsType, Object source) {
        JavaType type = Json.MAPPER.getTypeFactory().constructParametricType(ResultEnvelope.class, metricsType);
        try {
            return Json.MAPPER.convertValue(root, type);
        } catch (IllegalArgumentException e) {
            throw ZeroWasteException.badInput("cannot read " + source + ": its metrics do not fit " + metricsType.getSimpleName()
                    + " (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }

    /** The metrics of a tree as the record of its kind. */
    public static <M> M metrics(JsonNode metrics, Class<M> metricsType) {
        return Json.MAPPER.convertValue(metrics, metricsType);
    }

    private static JsonNode tree(Path file) {
        try {
            return Json.MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw ZeroWasteException.badInput("file not found: " + file);
        } catch (IOException e) {
            throw ZeroWasteException.badInput("cannot read " + file + ": not valid JSON", e);
        }
    }
}
