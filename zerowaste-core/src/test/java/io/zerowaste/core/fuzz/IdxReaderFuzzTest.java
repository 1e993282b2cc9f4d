package io.zerowaste.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.data.DatasetLocator;
import io.zerowaste.core.data.IdxReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the IDX reader (raw and gzip) and the dataset folder loader. Any exception other than
 * {@link ZeroWasteException} is a finding. Corpus: {@code src/test/resources/io/zerowaste/core/fuzz/IdxReaderFuzzTestInputs}.
 */
class IdxReaderFuzzTest {

    private static final String[] FOLDER_FILES = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

    private static Path dir;

    @BeforeAll
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("zw-fuzz-idx");
    }

    @AfterAll
    static void removeDir() throws IOException {
        io.zerowaste.core.io.AtomicFiles.deleteRecursively(dir);
    }

    /** One images file, raw or gzip (the reader tells them apart by the gzip magic bytes). */
    @FuzzTest(maxDuration = "60s")
    void imagesFile(byte[] input) {
        Path file = write("images-idx3-ubyte", input);
        try {
            IdxReader.readImagesOnly(file);
        } catch (ZeroWasteException expected) {
            // a clean refusal
        }
    }

    /** A whole dataset folder: four parts, train images and labels, test images and labels. */
    @FuzzTest(maxDuration = "60s")
    void datasetFolder(byte[] input) {
        byte[][] parts = FuzzParts.split(input, FOLDER_FILES.length);
        Path folder = dir.resolve("folder");
        for (int i = 0; i < parts.length; i++) {
            write("folder/" + FOLDER_FILES[i], parts[i]);
        }
        try {
            DatasetLocator.load(folder);
        } catch (ZeroWasteException expected) {
            // a clean refusal
        }
    }

    private static Path write(String name, byte[] bytes) {
        Path file = dir.resolve(name);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
