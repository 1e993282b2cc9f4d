package io.zerowaste.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path tmp;

    @Test
    void failedWriteLeavesTheOldFileAndNoTemporaries() throws IOException {
        Path f = tmp.resolve("results.json");
        AtomicFiles.write(f, "old".getBytes());
        assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        })).hasMessageContaining("cannot write").hasMessageContaining("disk full");
        assertThat(Files.readString(f)).isEqualTo("old");
        try (var s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("results.json");
        }
    }

    @Test
    void folderIsSwappedInWhole() throws IOException {
        Path dir = tmp.resolve("model");
        AtomicFiles.writeFolder(dir, d -> Files.writeString(d.resolve("a"), "1"));
        AtomicFiles.writeFolder(dir, d -> Files.writeString(d.resolve("b"), "2"));
        assertThat(Files.exists(dir.resolve("a"))).isFalse();
        assertThat(Files.readString(dir.resolve("b"))).isEqualTo("2");
        assertThatThrownBy(() -> AtomicFiles.writeFolder(dir, d -> {
            throw new IOException("boom");
        })).hasMessageContaining("boom");
        assertThat(Files.readString(dir.resolve("b"))).isEqualTo("2");
    }

    @Test
    void jsonUsesSnakeCaseAndReportsBadFiles() throws IOException {
        record R(int trainSeconds, Map<String, Double> valAccuracy) {}
        Path f = tmp.resolve("r.json");
        Json.write(f, new R(3, Map.of("x", 0.5)));
        assertThat(Files.readString(f)).contains("\"train_seconds\" : 3");
        Files.writeString(f, "{ broken");
        assertThatThrownBy(() -> Json.read(f, Map.class)).hasMessageStartingWith("cannot read " + f);
    }
}
