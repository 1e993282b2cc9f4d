package io.zerowaste.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zerowaste.core.ZeroWasteException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    static final Path FIXTURE = Path.of(System.getProperty("zerowaste.fixture",
            "src/test/resources/fashion-mnist-mini"));

    @TempDir
    Path tmp;

    static byte[] idx(int dims, int[] shape, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims + data.length);
        b.putInt(0x0800 | dims);
        for (int s : shape) {
            b.putInt(s);
        }
        b.put(data);
        return b.array();
    }

    void writeSet(Path dir, int nImages, int nLabels, int dataBytes) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("train-images-idx3-ubyte"), idx(3, new int[] {nImages, 2, 2}, new byte[dataBytes]));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), idx(1, new int[] {nLabels}, new byte[nLabels]));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), idx(3, new int[] {1, 2, 2}, new byte[] {1, 2, 3, (byte) 255}));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), idx(1, new int[] {1}, new byte[] {7}));
    }

    @Test
    void loadsTheGzipFixture() {
        Dataset d = DatasetLocator.load(FIXTURE);
        assertThat(d.train().size()).isEqualTo(1000);
        assertThat(d.test().size()).isEqualTo(200);
        assertThat(d.train().rows()).isEqualTo(28);
        assertThat(d.classNames()).hasSize(10).contains("Ankle boot");
        assertThat(d.contentHash()).startsWith("sha256:");
        // Fashion-MNIST's first training label is 9 (ankle boot), the first test label too
        assertThat(d.train().labels()[0]).isEqualTo(9);
        assertThat(d.test().labels()[0]).isEqualTo(9);
    }

    @Test
    void readsRawFilesAndPixelValues() throws IOException {
        writeSet(tmp, 2, 2, 8);
        Dataset d = DatasetLocator.load(tmp);
        assertThat(d.test().pixel(0, 1, 1)).isEqualTo(255);
        assertThat(d.test().labels()).containsExactly(7);
        assertThat(d.classNames()).hasSize(8).startsWith("0", "1");
    }

    @Test
    void truncatedImagesFileIsAClearError() throws IOException {
        writeSet(tmp, 2, 2, 5);
        assertThatThrownBy(() -> DatasetLocator.load(tmp))
                .isInstanceOf(ZeroWasteException.class)
                .hasMessageContaining("corrupt IDX file")
                .hasMessageContaining("train-images-idx3-ubyte")
                .hasMessageContaining("truncated");
    }

    @Test
    void countMismatchIsAClearError() throws IOException {
        writeSet(tmp, 2, 3, 8);
        assertThatThrownBy(() -> DatasetLocator.load(tmp))
                .hasMessageContaining("image/label count mismatch")
                .hasMessageContaining("2 images")
                .hasMessageContaining("3 labels");
    }

    @Test
    void badMagicIsAClearError() throws IOException {
        writeSet(tmp, 2, 2, 8);
        Files.write(tmp.resolve("train-labels-idx1-ubyte"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThatThrownBy(() -> DatasetLocator.load(tmp)).hasMessageContaining("bad magic number");
    }

    @Test
    void damagedGzipIsAClearError() throws IOException {
        Files.createDirectories(tmp);
        byte[] gz = Files.readAllBytes(FIXTURE.resolve("train-images-idx3-ubyte.gz"));
        Files.write(tmp.resolve("train-images-idx3-ubyte.gz"), java.util.Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> IdxReader.readImages(tmp.resolve("train-images-idx3-ubyte.gz"),
                        FIXTURE.resolve("train-labels-idx1-ubyte.gz")))
                .hasMessageContaining("gzip stream is damaged or truncated");
    }

    @Test
    void missingFolderNamesThePackageAndTheFlag() {
        assertThatThrownBy(() -> DatasetLocator.load(DatasetLocator.DEBIAN_FASHION_MNIST.resolve("nope")))
                .hasMessageContaining("dataset folder not found")
                .hasMessageContaining("--data");
        Path resolved = DatasetLocator.resolve(null, Map.of());
        assertThat(resolved).isEqualTo(DatasetLocator.DEBIAN_FASHION_MNIST);
        assertThat(DatasetLocator.resolve(null, Map.of("ZEROWASTE_DATA", "/x"))).isEqualTo(Path.of("/x"));
        assertThat(DatasetLocator.resolve(Path.of("/y"), Map.of("ZEROWASTE_DATA", "/x"))).isEqualTo(Path.of("/y"));
    }

    @Test
    void missingFileIsNamed() throws IOException {
        writeSet(tmp, 2, 2, 8);
        Files.delete(tmp.resolve("t10k-labels-idx1-ubyte"));
        assertThatThrownBy(() -> DatasetLocator.load(tmp)).hasMessageContaining("missing IDX file t10k-labels-idx1-ubyte");
    }

    @Test
    void zeroPixelImagesWithAHugeCountAreRefusedBeforeAllocating() throws IOException {
        // found by fuzzing: 0 data bytes matched the header, then 1.6 billion labels were allocated
        Path f = tmp.resolve("zero-pixels");
        Files.write(f, idx(3, new int[] {1_600_000_000, 28, 0}, new byte[0]));
        assertThatThrownBy(() -> IdxReader.readImagesOnly(f)).isInstanceOf(ZeroWasteException.class)
                .hasMessageContaining("side of 0 pixels");
    }

    @Test
    void aHeaderWhoseSizeOverflowsIsRefused() throws IOException {
        Path f = tmp.resolve("overflow");
        Files.write(f, idx(3, new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE}, new byte[0]));
        assertThatThrownBy(() -> IdxReader.readImagesOnly(f)).isInstanceOf(ZeroWasteException.class)
                .hasMessageContaining("more data than any file can hold");
    }
}
