package io.zerowaste.glimpse;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerowaste.glimpse.explain.ExplainPicture;
import io.zerowaste.glimpse.geometry.GlimpseGrid;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExplainPictureTest {

    @Test
    void drawsTheImageEachGlimpseWithItsWindowAndTheReconstruction() {
        GlimpseGrid g = GlimpseGrid.standard(28, 28);
        float[] white = new float[784];
        java.util.Arrays.fill(white, 1f);
        float[] black = new float[784];
        boolean[] seen = new boolean[49];
        for (int p : g.patchesOf(14)) {
            seen[p] = true;
        }
        BufferedImage img = ExplainPicture.render(g, white, "Dress", List.of(new ExplainPicture.StepView(seen, 14, black, "Coat", 0.8f)));
        int s = ExplainPicture.SCALE;
        assertThat(img.getWidth()).isEqualTo(10 + (28 * s + 10) * 2);
        int x0 = 10 + 28 * s + 10; // the glimpse column
        int y0 = 10 + 34;
        // inside the seen window (patch rows 2-3, cols 2-3 → pixels 8..15): the image itself (white)
        assertThat(img.getRGB(x0 + 12 * s, y0 + 12 * s) & 0xffffff).isEqualTo(0xffffff);
        // far from it: unseen, drawn blue-grey
        assertThat(img.getRGB(x0 + 1 * s, y0 + 25 * s) & 0xffffff).isEqualTo(0x9fb3c8);
        // the window's outline is red
        assertThat(img.getRGB(x0 + 8 * s, y0 + 12 * s) & 0xffffff).isEqualTo(0xff0000);
        // below: the model's composite (black here)
        assertThat(img.getRGB(x0 + 20 * s, y0 + 28 * s + 10 + 20 * s) & 0xffffff).isZero();
    }
}
