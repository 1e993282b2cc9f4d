package io.zerowaste.serve;

import com.fasterxml.jackson.databind.JsonNode;
import io.zerowaste.core.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The versions in a model folder and their order. A version is a subfolder holding {@code manifest.json}; it is
 * complete once it is there, since versions appear by an atomic rename of a finished folder (folders whose name
 * starts with '.' or ends with '.tmp' or '.partial' are still being written and are skipped).
 * <p>
 * Order: by the manifest's {@code version} when it is a number (a version without one counts as 0), then by
 * folder name, digit runs compared as numbers ({@code v2} before {@code v10}). The newest is the last.
 */
public final class ModelDirectory {

    /** A complete version: its folder, the manifest's version number (0 without one) and name. */
    public record Candidate(Path dir, double number, String name) {}

    public static final Comparator<Candidate> ORDER = Comparator.comparingDouble(Candidate::number)
            .thenComparing(Candidate::name, ModelDirectory::natural);

    private ModelDirectory() {}

    /** The complete versions in {@code dir}, oldest first. */
    public static List<Candidate> versions(Path dir) throws IOException {
        List<Candidate> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String f = p.getFileName().toString();
                if (!Files.isDirectory(p) || f.startsWith(".") || f.endsWith(".tmp") || f.endsWith(".partial")
                        || !Files.isRegularFile(p.resolve("manifest.json"))) {
                    continue;
                }
                out.add(candidate(p));
            }
        }
        out.sort(ORDER);
        return out;
    }

    /** The newest complete version, or null when there is none. */
    public static Candidate newest(Path dir) throws IOException {
        List<Candidate> v = versions(dir);
        return v.isEmpty() ? null : v.get(v.size() - 1);
    }

    static Candidate candidate(Path p) {
        Lineage l = lineage(p);
        double number = 0;
        if (l.version() != null) {
            try {
                number = Double.parseDouble(l.version().replaceFirst("^[vV]", ""));
            } catch (NumberFormatException e) {
                number = 0;
            }
        }
        return new Candidate(p, number, l.version() != null ? l.version() : p.getFileName().toString());
    }

    /** A version's name and parent as its manifest states them ({@code version}, {@code parent}, top level or in {@code extra}). */
    public record Lineage(String version, String parent) {}

    public static Lineage lineage(Path versionDir) {
        try {
            JsonNode m = Json.MAPPER.readTree(versionDir.resolve("manifest.json").toFile());
            return new Lineage(field(m, "version"), field(m, "parent"));
        } catch (IOException | RuntimeException e) {
            return new Lineage(null, null); // a damaged manifest is reported when the version is loaded
        }
    }

    private static String field(JsonNode m, String name) {
        for (JsonNode n : new JsonNode[] {m.get(name), m.path("extra").get(name), m.path("lineage").get(name), m.path("extra").path("lineage").get(name)}) {
            if (n != null && !n.isNull() && n.isValueNode()) {
                return n.asText();
            }
        }
        return null;
    }

    /** Compares digit runs as numbers and the rest as text. */
    static int natural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int i2 = i;
                int j2 = j;
                while (i2 < a.length() && Character.isDigit(a.charAt(i2))) {
                    i2++;
                }
                while (j2 < b.length() && Character.isDigit(b.charAt(j2))) {
                    j2++;
                }
                java.math.BigInteger n = new java.math.BigInteger(a.substring(i, i2));
                java.math.BigInteger m = new java.math.BigInteger(b.substring(j, j2));
                int c = n.compareTo(m);
                if (c != 0) {
                    return c;
                }
                i = i2;
                j = j2;
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
