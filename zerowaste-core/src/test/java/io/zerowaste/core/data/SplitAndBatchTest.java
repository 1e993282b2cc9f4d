package io.zerowaste.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.zerowaste.core.Seeds;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitAndBatchTest {

    static ImageSet ramp(int n) {
        byte[] px = new byte[n * 4];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
            for (int p = 0; p < 4; p++) {
                px[i * 4 + p] = (byte) (i + p);
            }
        }
        return new ImageSet(px, labels, 2, 2);
    }

    @Test
    void validationIsASeededTwelfthDisjointFromTrain() {
        ImageSet full = ramp(240); // pixel 0 of image i is (byte) i: an identity for 240 images
        Split a = Split.of(full, 0);
        Split b = Split.of(full, 0);
        Split c = Split.of(full, 1);
        assertThat(a.validation().size()).isEqualTo(20);
        assertThat(a.train().size()).isEqualTo(220);
        assertThat(a.validation().pixels()).isEqualTo(b.validation().pixels());
        assertThat(a.validation().pixels()).isNotEqualTo(c.validation().pixels());
        Set<Byte> ids = new HashSet<>();
        for (ImageSet part : new ImageSet[] {a.train(), a.validation()}) {
            for (int i = 0; i < part.size(); i++) {
                ids.add(part.pixels()[i * 4]);
            }
        }
        assertThat(ids).hasSize(240);
    }

    @Test
    void normalizationMatchesMeanAndStd() {
        ImageSet s = new ImageSet(new byte[] {0, (byte) 255, 0, (byte) 255}, new int[] {0}, 2, 2);
        Normalization n = Normalization.fit(s);
        assertThat(n.mean()).isCloseTo(0.5, within(1e-9));
        assertThat(n.std()).isCloseTo(0.5, within(1e-9));
        assertThat(n.apply(255)).isCloseTo(1f, within(1e-6f));
        assertThat(n.apply(0)).isCloseTo(-1f, within(1e-6f));
    }

    @Test
    void unaugmentedBatchIsTheNormalisedImage() {
        ImageSet s = new ImageSet(new byte[] {10, 20, 30, 40, 50, 60, 70, 80}, new int[] {3, 4}, 2, 2);
        BatchAssembler a = new BatchAssembler(s, new Normalization(0, 1));
        float[] px = a.pixels(new int[] {1, 0}, 0, 2);
        assertThat(px[0]).isCloseTo(50 / 255f, within(1e-6f));
        assertThat(px[4]).isCloseTo(10 / 255f, within(1e-6f));
        assertThat(a.labels(new int[] {1, 0}, 0, 2)).containsExactly(4, 3);
    }

    @Test
    void flipAndCropMoveThePixels() {
        // one 3x3 image with a single bright pixel at (0, 0)
        byte[] px = new byte[9];
        px[0] = (byte) 255;
        ImageSet s = new ImageSet(px, new int[] {0}, 3, 3);
        BatchAssembler a = new BatchAssembler(s, new Normalization(0, 1));
        Set<Integer> brightAt = new HashSet<>();
        Random rnd = new Random(Seeds.split(0, "aug"));
        for (int t = 0; t < 200; t++) {
            float[] out = a.pixels(new int[] {0}, 0, 1, Augmentation.standard(true), rnd);
            float sum = 0;
            for (int p = 0; p < 9; p++) {
                sum += out[p];
                if (out[p] > 0.5f) {
                    brightAt.add(p);
                }
            }
            assertThat(sum).isBetween(0f, 1.0001f);
        }
        // shifts of up to 2 pixels and flips reach every cell of a 3x3 image
        assertThat(brightAt).hasSize(9);
        float[] none = a.pixels(new int[] {0}, 0, 1, Augmentation.NONE, null);
        assertThat(Arrays.copyOf(none, 2)).containsExactly(1f, 0f);
    }

    @Test
    void seedsAreStableAndIndependentPerComponent() {
        assertThat(Seeds.split(0, "a")).isEqualTo(Seeds.split(0, "a"));
        assertThat(Seeds.split(0, "a")).isNotEqualTo(Seeds.split(0, "b"));
        assertThat(Seeds.split(0, "a")).isNotEqualTo(Seeds.split(1, "a"));
        assertThat(Seeds.split63(5, "x")).isNotNegative();
    }
}
