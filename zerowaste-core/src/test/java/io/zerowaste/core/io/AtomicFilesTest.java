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
    void folderSwapKilledBetweenItsRenamesIsRecovered() throws IOException {
        Path dir = tmp.resolve("checkpoint");
        AtomicFiles.writeFolder(dir, d -> Files.writeString(d.resolve("epoch"), "3"));
        // what a kill -9 leaves: the previous folder moved aside, the new one not moved in, another write half done
        Files.move(dir, tmp.resolve(".checkpoint.old"));
        Files.createDirectories(tmp.resolve(".checkpoint.123456"));
        Files.writeString(tmp.resolve(".checkpoint.123456/epoch"), "4");
        Files.createDirectories(tmp.resolve(".checkpoint.789"));

        AtomicFiles.recoverFolder(dir);

        assertThat(Files.readString(dir.resolve("epoch"))).isEqualTo("3");
        try (var s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("checkpoint");
        }
        AtomicFiles.recoverFolder(dir); // nothing to undo: leaves the folder alone
        assertThat(Files.readString(dir.resolve("epoch"))).isEqualTo("3");
    }

    @Test
    void folderWriteKilledWhileDeletingThePreviousFolderIsCleanedUpByTheNextWrite() throws IOException {
        Path dir = tmp.resolve("checkpoint");
        AtomicFiles.writeFolder(dir, d -> Files.writeString(d.resolve("epoch"), "3"));
        Files.createDirectories(tmp.resolve(".checkpoint.old")); // half deleted when the process was killed
        AtomicFiles.writeFolder(dir, d -> Files.writeString(d.resolve("epoch"), "4"));
        assertThat(Files.readString(dir.resolve("epoch"))).isEqualTo("4");
        try (var s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("checkpoint");
        }
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
