package io.zerowaste.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX sets of any H×W load as they are, and convert to asked channels and sizes. */
class OtherIdxSizesTest {

    @TempDir
    Path tmp;

    Path idx(int n, int rows, int cols) throws IOException {
        Path d = tmp.resolve("idx" + rows + "x" + cols);
        Files.createDirectories(d);
        ByteBuffer img = ByteBuffer.allocate(16 + n * rows * cols).putInt(0x803).putInt(n).putInt(rows).putInt(cols);
        for (int i = 0; i < n * rows * cols; i++) {
            img.put((byte) (i % 7 * 30));
        }
        ByteBuffer lab = ByteBuffer.allocate(8 + n).putInt(0x801).putInt(n);
        for (int i = 0; i < n; i++) {
            lab.put((byte) (i % 3));
        }
        for (String set : new String[] {"train", "t10k"}) {
            Files.write(d.resolve(set + "-images-idx3-ubyte"), img.array());
            Files.write(d.resolve(set + "-labels-idx1-ubyte"), lab.array());
        }
        return d;
    }

    @Test
    void aNonSquareIdxSetLoadsAsItIsAndConvertsWhenAsked() throws IOException {
        Path d = idx(6, 40, 48);
        Dataset plain = DatasetLocator.load(d);
        assertThat(plain.train().shape()).containsExactly(1, 40, 48);
        Dataset asked = DatasetLocator.load(d, ImageOptions.of(3, 20), DecodeProgress.SILENT, new DecodeCache(tmp.resolve("cache")));
        assertThat(asked.train().shape()).containsExactly(3, 20, 20);
        assertThat(asked.train().labels()).isEqualTo(plain.train().labels());
        // grey repeated: the three planes of every image are equal
        ImageSet t = asked.train();
        for (int i = 0; i < t.size(); i++) {
            for (int p = 0; p < 400; p++) {
                assertThat(t.pixels()[i * 1200 + p]).isEqualTo(t.pixels()[i * 1200 + 400 + p]).isEqualTo(t.pixels()[i * 1200 + 800 + p]);
            }
        }
        assertThat(DatasetLocator.isImageFolder(d)).isFalse();
        assertThat(tmp.resolve("cache")).doesNotExist(); // IDX files are not cached: they are read, not decoded
    }
}
