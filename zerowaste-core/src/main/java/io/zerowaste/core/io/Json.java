package io.zerowaste.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.zerowaste.core.ZeroWasteException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The project's JSON: snake_case keys, indented output, atomic writes, readable read errors. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {}

    public static String toString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public static void write(Path file, Object value) {
        AtomicFiles.write(file, out -> out.write(toString(value).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** A record as the string-keyed map its JSON would be (for the bundle manifest's free-form metrics). */
    @SuppressWarnings("unchecked")
    public static java.util.Map<String, Object> asMap(Object value) {
        return MAPPER.convertValue(value, java.util.LinkedHashMap.class);
    }

    /** Compares as JSON text would, so 7 read back from a file equals the long 7 in memory. */
    public static boolean sameJson(Object a, Object b) {
        try {
            return MAPPER.readTree(toString(a)).equals(MAPPER.readTree(toString(b)));
        } catch (IOException e) {
            return false;
        }
    }

    public static <T> T read(Path file, Class<T> type) {
        try {
            return MAPPER.readValue(Files.readAllBytes(file), type);
        } catch (NoSuchFileException e) {
            throw ZeroWasteException.badInput("file not found: " + file);
        } catch (IOException e) {
            throw ZeroWasteException.badInput("cannot read " + file + ": not valid JSON for "
                    + type.getSimpleName() + " (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
