package io.zerowaste.cli;

import io.zerowaste.nn.bundle.ModelBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every file under a folder (hidden temporaries included) with its checksum: to show a failure changed nothing. */
final class FolderSnapshot {

    private FolderSnapshot() {}

    static Map<String, String> of(Path dir) {
        Map<String, String> files = new TreeMap<>();
        if (!Files.exists(dir)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String key = dir.relativize(p).toString();
                files.put(key, Files.isRegularFile(p) ? ModelBundle.sha256(Files.readAllBytes(p)) : "folder");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
