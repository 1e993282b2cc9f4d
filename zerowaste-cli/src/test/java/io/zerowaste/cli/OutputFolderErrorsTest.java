package io.zerowaste.cli;

import static io.zerowaste.cli.CliErrorsTest.assertOneLine;
import static io.zerowaste.cli.CliErrorsTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output folders that cannot take the output: read-only, full (a 64 KB tmpfs), or a file in the way. One line,
 * and whatever was there before is still there, whole, with no temporary files left behind.
 */
class OutputFolderErrorsTest {

    static final String FIXTURE = System.getProperty("zerowaste.fixture");

    @TempDir
    Path tmp;

    static String[] train(Path out) {
        return new String[] {"train", "--epochs", "1", "--train-limit", "64", "--batch", "32", "--data", FIXTURE, "--out", out.toString()};
    }

    @Test
    void readOnlyOutputFolderIsRefusedBeforeTraining() throws IOException {
        Path mnt = tmp.resolve("ro");
        if (Tmpfs.isRoot()) {
            try (Tmpfs fs = Tmpfs.mount(mnt, "size=64k")) {
                Files.writeString(mnt.resolve("earlier.json"), "{\"earlier\": true}");
                fs.remount("ro");
                Map<String, String> before = FolderSnapshot.of(mnt);
                assertOneLine(run(train(mnt.resolve("run"))), 2, "cannot write to the output folder", "Read-only file system");
                assertThat(FolderSnapshot.of(mnt)).isEqualTo(before);
            }
        } else {
            Files.createDirectories(mnt);
            Files.writeString(mnt.resolve("earlier.json"), "{\"earlier\": true}");
            Files.setPosixFilePermissions(mnt, PosixFilePermissions.fromString("r-xr-xr-x"));
            assumeFalse(Files.isWritable(mnt), "this user can write a read-only folder");
            Map<String, String> before = FolderSnapshot.of(mnt);
            assertOneLine(run(train(mnt.resolve("run"))), 2, "cannot write to the output folder", "permission denied");
            assertThat(FolderSnapshot.of(mnt)).isEqualTo(before);
            Files.setPosixFilePermissions(mnt, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void fullDiskDuringTrainingLeavesTheEarlierResultsWhole() throws IOException {
        Path mnt = tmp.resolve("full");
        try (Tmpfs fs = Tmpfs.mount(mnt, "size=64k")) {
            Path run = mnt.resolve("run");
            Files.createDirectories(run);
            Files.writeString(run.resolve("results.json"), "{\"kind\": \"backbone\", \"earlier\": true}");
            Map<String, String> before = FolderSnapshot.of(mnt);
            // the epoch checkpoint (about 2 MB) is the first thing written, and does not fit
            assertOneLine(run(train(run)), 1, "cannot write", "checkpoint", "No space left on device");
            assertThat(FolderSnapshot.of(mnt)).isEqualTo(before);
        }
    }

    @Test
    void fullDiskKeepsTheOldFileAndFolder() throws IOException {
        Path mnt = tmp.resolve("full-files");
        try (Tmpfs fs = Tmpfs.mount(mnt, "size=64k")) {
            Path file = mnt.resolve("results.json");
            AtomicFiles.write(file, "old".getBytes());
            Path folder = mnt.resolve("model");
            AtomicFiles.writeFolder(folder, d -> Files.writeString(d.resolve("manifest.json"), "old"));
            Map<String, String> before = FolderSnapshot.of(mnt);
            byte[] big = new byte[200_000];
            assertThatThrownBy(() -> AtomicFiles.write(file, big)).isInstanceOf(ZeroWasteException.class)
                    .hasMessageContaining("No space left on device").hasMessageNotContaining("\n");
            assertThatThrownBy(() -> AtomicFiles.writeFolder(folder, d -> Files.write(d.resolve("parameters.bin"), big)))
                    .isInstanceOf(ZeroWasteException.class).hasMessageContaining("No space left on device");
            assertThat(FolderSnapshot.of(mnt)).isEqualTo(before);
        }
    }

    @Test
    void aFileWhereTheOutputFolderShouldBe() throws IOException {
        Path file = tmp.resolve("notes.txt");
        Files.writeString(file, "my notes");
        assertOneLine(run(train(file)), 2, "cannot write to the output folder", "is in the way");
        assertThat(Files.readString(file)).isEqualTo("my notes");
        assertThat(Files.list(tmp).map(p -> p.getFileName().toString()).toList()).containsExactly("notes.txt");
    }
}
