package io.zerowaste.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShapeScenesTest {

    @TempDir
    Path tmp;

    @Test
    void theSameSeedGivesTheSamePixelsAndAnotherSeedOthers() {
        ImageSet a = ShapeScenes.generate(3, 7);
        ImageSet b = ShapeScenes.generate(3, 7);
        ImageSet c = ShapeScenes.generate(3, 8);
        assertThat(a.shape()).containsExactly(3, 32, 32);
        assertThat(a.size()).isEqualTo(30);
        assertThat(a.numClasses()).isEqualTo(10);
        assertThat(a.pixels()).isEqualTo(b.pixels());
        assertThat(a.pixels()).isNotEqualTo(c.pixels());
    }

    @Test
    void shapesAreWhatTheirNamesSay() {
        assertThat(ShapeScenes.inside(0, 0.72, 0.72)).isFalse(); // circle: r = 1.02
        assertThat(ShapeScenes.inside(1, 0.7, 0.7)).isTrue(); // square reaches its corners
        assertThat(ShapeScenes.inside(3, 0.6, 0.6)).isFalse(); // diamond: |u| + |v| > 1
        assertThat(ShapeScenes.inside(5, 0, 0)).isFalse(); // ring: a hole in the middle
        assertThat(ShapeScenes.inside(5, 0.8, 0)).isTrue();
        assertThat(ShapeScenes.inside(4, 0.8, 0.8)).isFalse(); // plus: empty corners
        assertThat(ShapeScenes.inside(6, 0, -0.95)).isTrue(); // star: its top point
        assertThat(ShapeScenes.inside(6, 0.5, -0.5)).isFalse(); // between two points
        assertThat(ShapeScenes.inside(8, 0.6, 0)).isFalse(); // crescent: bitten on the right
        assertThat(ShapeScenes.inside(8, -0.8, 0)).isTrue();
    }

    @Test
    void theFolderIsWrittenWholeAndReadsBackAsTheGeneratedImages() throws Exception {
        Path out = tmp.resolve("shapes");
        ShapeScenes.writeFolder(out, 2, 1, 3);
        try (var files = Files.list(out.resolve("train"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).hasSize(10).startsWith("0-circle", "1-square");
        }
        Dataset d = DatasetLocator.load(out, ImageOptions.AUTO, DecodeProgress.SILENT, new DecodeCache(tmp.resolve("cache")));
        assertThat(d.train().shape()).containsExactly(3, 32, 32);
        assertThat(d.train().size()).isEqualTo(20);
        assertThat(d.test().size()).isEqualTo(10);
        ImageSet generated = ShapeScenes.generate(2, io.zerowaste.core.Seeds.split(3, "train"));
        assertThat(ImageFolderReaderTest.sortedImages(d.train())).isEqualTo(ImageFolderReaderTest.sortedImages(generated));
        assertThat(Arrays.stream(d.classNames().toArray(String[]::new)).map(n -> n.substring(2)).toList()).isEqualTo(ShapeScenes.CLASSES);
    }
}
