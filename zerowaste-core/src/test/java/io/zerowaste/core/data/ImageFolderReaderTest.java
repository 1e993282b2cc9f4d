package io.zerowaste.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.zerowaste.core.ZeroWasteException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {

    @TempDir
    Path tmp;

    /** Records what a load reports. */
    static final class Notes implements DecodeProgress {
        final List<String> lines = new ArrayList<>();
        int lastDone;

        @Override
        public synchronized void decoded(String split, int done, int total) {
            lastDone = Math.max(lastDone, done);
        }

        @Override
        public synchronized void note(String line) {
            lines.add(line);
        }
    }

    static void writeGrey(Path file, int w, int h, int value) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        int[] v = new int[w * h];
        Arrays.fill(v, value);
        img.getRaster().setSamples(0, 0, w, h, 0, v);
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    static void writeColour(Path file, int w, int h, int rgb) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, file.toString().endsWith(".bmp") ? "bmp" : "png", file.toFile());
    }

    Dataset load(Path dir, ImageOptions options, Notes notes) {
        return DatasetLocator.load(dir, options, notes, new DecodeCache(tmp.resolve("cache")));
    }

    /** Classes "b-dog" and "a-cat": sorted names give a-cat label 0. */
    Path smallFolder() throws IOException {
        Path d = tmp.resolve("pets");
        for (int i = 0; i < 6; i++) {
            writeColour(d.resolve("train/b-dog/" + i + ".png"), 8, 8, 0x102030);
            writeColour(d.resolve("train/a-cat/" + i + ".bmp"), 8, 8, 0xF0E0D0);
        }
        writeGrey(d.resolve("train/a-cat/grey.png"), 16, 8, 99); // one grey image of another size: converted
        writeColour(d.resolve("test/a-cat/t.png"), 8, 8, 0xF0E0D0);
        writeColour(d.resolve("test/b-dog/t.png"), 8, 8, 0x102030);
        return d;
    }

    @Test
    void classesAreTheSortedFolderNamesAndTheMajorityDecidesChannelsAndSize() throws IOException {
        Notes notes = new Notes();
        Dataset d = load(smallFolder(), ImageOptions.AUTO, notes);
        assertThat(d.classNames()).containsExactly("a-cat", "b-dog");
        assertThat(d.train().size()).isEqualTo(13);
        assertThat(d.train().shape()).containsExactly(3, 8, 8);
        assertThat(d.test().size()).isEqualTo(2);
        for (int i = 0; i < d.train().size(); i++) {
            int r = d.train().pixel(i, 0, 0, 0);
            int expected = d.train().labels()[i] == 1 ? 0x10 : (r == 99 ? 99 : 0xF0);
            assertThat(r).isEqualTo(expected);
        }
        // the grey 16×8 image: repeated into 3 channels, shrunk to 8×4 by area average, centre-cropped to 8×8
        long grey = Arrays.stream(toInts(d.train().pixels())).filter(v -> v == 99).count();
        assertThat(grey).isEqualTo(3 * 64);
        assertThat(notes.lastDone).isEqualTo(13);
    }

    @Test
    void channelsAndSizeCanBeAsked() throws IOException {
        Dataset d = load(smallFolder(), ImageOptions.of(1, 4), new Notes());
        assertThat(d.train().shape()).containsExactly(1, 4, 4);
        // 0x102030 in luma: (299·16 + 587·32 + 114·48 + 500) / 1000 = 29; 0xF0E0D0: (299·240 + 587·224 + 114·208 + 500) / 1000 = 227
        for (int i = 0; i < d.train().size(); i++) {
            int expected = d.train().labels()[i] == 1 ? 29 : 227;
            if (d.train().pixel(i, 0, 0) != 99) { // the grey image stays 99
                assertThat(d.train().pixel(i, 0, 3, 3)).isEqualTo(expected);
            }
        }
    }

    @Test
    void withoutATestFolderASeededSixthIsHeldOut() throws IOException {
        Path d = tmp.resolve("notest");
        for (int i = 0; i < 30; i++) {
            writeGrey(d.resolve("train/c" + (i % 3) + "/" + i + ".png"), 4, 4, i);
        }
        Notes notes = new Notes();
        Dataset a = load(d, ImageOptions.AUTO, notes);
        Dataset b = load(d, ImageOptions.AUTO, new Notes());
        assertThat(a.test().size()).isEqualTo(5);
        assertThat(a.train().size()).isEqualTo(25);
        assertThat(a.test().pixels()).isEqualTo(b.test().pixels());
        assertThat(notes.lines).anyMatch(l -> l.contains("no test/ folder") && l.contains("1/6"));
        // disjoint and complete: the first pixel identifies each image
        List<Integer> all = new ArrayList<>();
        for (ImageSet s : List.of(a.train(), a.test())) {
            for (int i = 0; i < s.size(); i++) {
                all.add(s.pixel(i, 0, 0));
            }
        }
        assertThat(all).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 30).boxed().toList());
    }

    @Test
    void theSecondLoadReadsTheCacheAndADamagedCacheIsDecodedAgain() throws IOException {
        Path dir = smallFolder();
        Notes first = new Notes();
        Dataset a = load(dir, ImageOptions.AUTO, first);
        assertThat(first.lastDone).isPositive();
        Notes second = new Notes();
        Dataset b = load(dir, ImageOptions.AUTO, second);
        assertThat(second.lastDone).isZero();
        assertThat(second.lines).anyMatch(l -> l.contains("from the cache"));
        assertThat(b.train().pixels()).isEqualTo(a.train().pixels());
        assertThat(b.train().labels()).isEqualTo(a.train().labels());
        assertThat(b.contentHash()).isEqualTo(a.contentHash());
        // other options: another cache entry
        Notes other = new Notes();
        load(dir, ImageOptions.of(1, null), other);
        assertThat(other.lastDone).isPositive();
        // no temporary folders left behind
        try (Stream<Path> s = Files.list(tmp.resolve("cache/images"))) {
            assertThat(s.map(p -> p.getFileName().toString())).hasSize(2).allMatch(n -> !n.startsWith("."));
        }
        // a cut cache file is not trusted
        Path tensor = new DecodeCache(tmp.resolve("cache")).folder(a.contentHash(), ImageOptions.AUTO).resolve("train.tensor");
        byte[] bytes = Files.readAllBytes(tensor);
        Files.write(tensor, Arrays.copyOf(bytes, bytes.length - 10));
        Notes third = new Notes();
        Dataset c = load(dir, ImageOptions.AUTO, third);
        assertThat(third.lastDone).isPositive();
        assertThat(c.train().pixels()).isEqualTo(a.train().pixels());
        // a changed image changes the content hash, so the cache is not reused
        writeColour(dir.resolve("train/b-dog/0.png"), 8, 8, 0x112233);
        Notes fourth = new Notes();
        Dataset e = load(dir, ImageOptions.AUTO, fourth);
        assertThat(e.contentHash()).isNotEqualTo(a.contentHash());
        assertThat(fourth.lastDone).isPositive();
    }

    @Test
    void nonImageFilesAreSkippedAndCounted() throws IOException {
        Path dir = smallFolder();
        Files.writeString(dir.resolve("train/a-cat/notes.txt"), "not an image");
        Files.writeString(dir.resolve("train/README"), "about the data");
        Notes notes = new Notes();
        Dataset d = load(dir, ImageOptions.AUTO, notes);
        assertThat(d.train().size()).isEqualTo(13);
        assertThat(notes.lines).anyMatch(l -> l.startsWith("skipped 2 non-image files in " + dir));
    }

    @Test
    void anEmptyClassFolderIsABadInput() throws IOException {
        Path dir = smallFolder();
        Files.createDirectories(dir.resolve("train/c-empty"));
        Files.writeString(dir.resolve("train/c-empty/.DS_Store"), "x");
        assertThatThrownBy(() -> load(dir, ImageOptions.AUTO, new Notes())).isInstanceOf(ZeroWasteException.class)
                .hasMessageStartingWith("empty class folder " + dir.resolve("train/c-empty"));
    }

    @Test
    void aTestClassThatTrainLacksIsABadInput() throws IOException {
        Path dir = smallFolder();
        writeColour(dir.resolve("test/z-bird/1.png"), 8, 8, 0);
        assertThatThrownBy(() -> load(dir, ImageOptions.AUTO, new Notes())).isInstanceOf(ZeroWasteException.class)
                .hasMessageContaining("class 'z-bird' in " + dir.resolve("test") + " has no folder in " + dir.resolve("train"));
    }

    @Test
    void aTruncatedImageIsNamed() throws IOException {
        Path dir = smallFolder();
        Path bad = dir.resolve("train/b-dog/3.png");
        byte[] b = Files.readAllBytes(bad);
        Files.write(bad, Arrays.copyOf(b, b.length / 2));
        assertThatThrownBy(() -> load(dir, ImageOptions.AUTO, new Notes())).isInstanceOf(ZeroWasteException.class)
                .hasMessageStartingWith("unreadable image " + bad);
        // nothing was cached
        assertThat(tmp.resolve("cache/images")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());
    }

    @Test
    void theFashionFixtureAsPngsGivesTheSamePixelsAsItsIdxFiles() throws IOException {
        Dataset idx = DatasetLocator.load(Path.of(System.getProperty("zerowaste.fixture")));
        Path dir = tmp.resolve("fixture-png");
        for (String split : List.of("train", "test")) {
            ImageSet s = split.equals("train") ? idx.train() : idx.test();
            for (int i = 0; i < s.size(); i++) {
                int[] v = new int[784];
                for (int p = 0; p < 784; p++) {
                    v[p] = s.pixels()[i * 784 + p] & 0xff;
                }
                BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
                img.getRaster().setSamples(0, 0, 28, 28, 0, v);
                Path f = dir.resolve(split).resolve(s.labels()[i] + "-class").resolve(String.format("%05d.png", i));
                Files.createDirectories(f.getParent());
                ImageIO.write(img, "png", f.toFile());
            }
        }
        Dataset png = load(dir, ImageOptions.AUTO, new Notes());
        assertThat(png.train().shape()).containsExactly(1, 28, 28);
        assertThat(sortedImages(png.train())).isEqualTo(sortedImages(idx.train()));
        assertThat(sortedImages(png.test())).isEqualTo(sortedImages(idx.test()));
        Normalization a = Normalization.fit(png.train());
        Normalization b = Normalization.fit(idx.train());
        assertThat(a.mean()).isCloseTo(b.mean(), within(1e-12));
        assertThat(a.std()).isCloseTo(b.std(), within(1e-12));
    }

    /** Every image as "label:bytes", sorted: the same multiset whatever the order. */
    static List<String> sortedImages(ImageSet s) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            out.add(s.labels()[i] + ":" + Arrays.toString(Arrays.copyOfRange(s.pixels(), i * s.imageSize(), (i + 1) * s.imageSize())));
        }
        out.sort(null);
        return out;
    }

    static int[] toInts(byte[] b) {
        return ImagePreprocessingTest.toInts(b);
    }
}
