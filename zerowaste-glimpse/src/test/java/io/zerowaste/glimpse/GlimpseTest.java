package io.zerowaste.glimpse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.zerowaste.glimpse.geometry.GlimpseGrid;
import io.zerowaste.glimpse.model.GlimpseModel;
import io.zerowaste.glimpse.policy.AttentionEntropy;
import io.zerowaste.glimpse.policy.AttentionEntropyPolicy;
import io.zerowaste.glimpse.policy.GlimpseState;
import io.zerowaste.glimpse.policy.RasterPolicy;
import io.zerowaste.glimpse.policy.StopRule;
import io.zerowaste.glimpse.train.Episode;
import io.zerowaste.glimpse.train.GlimpseEvaluator;
import io.zerowaste.nn.engine.Engines;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GlimpseTest {

    private final GlimpseGrid grid = GlimpseGrid.standard(28, 28);

    @Test
    void eachPositionRevealsATwoByTwoBlockOfFourPixelPatches() {
        assertThat(grid.patches()).isEqualTo(49);
        assertThat(grid.positions()).isEqualTo(36);
        assertThat(grid.patchesOf(0)).containsExactly(0, 1, 7, 8);
        assertThat(grid.patchesOf(7)).containsExactly(8, 9, 15, 16); // row 1, column 1 of the 6×6 positions
        assertThat(grid.patchesOf(35)).containsExactly(40, 41, 47, 48);
        boolean[] px = grid.pixelsOf(7);
        int count = 0;
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                boolean inside = r >= 4 && r < 12 && c >= 4 && c < 12;
                assertThat(px[r * 28 + c]).as("pixel (%d, %d)", r, c).isEqualTo(inside);
                count += px[r * 28 + c] ? 1 : 0;
            }
        }
        assertThat(count).isEqualTo(64);
    }

    @Test
    void patchesAreCutTheSameWayOnTheJavaSideAndInTheModel() {
        Engines.pytorch();
        float[] img = new float[784];
        for (int i = 0; i < img.length; i++) {
            img[i] = i;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            float[] viaModel = Episode.patches(m.create(img, new Shape(1, 1, 28, 28)), grid).toFloatArray();
            assertThat(viaModel).containsExactly(grid.toPatches(img, 1));
            assertThat(viaModel[16]).isEqualTo(4f); // patch 1 starts at pixel (0, 4)
        }
    }

    @Test
    void entropyPicksTheHighestEntropyUnseenWindowAndNeverASeenOne() {
        int l = 50;
        float[] attention = new float[l * l];
        for (int row = 0; row < l; row++) {
            attention[row * l] = 1f; // one-hot: entropy 0
        }
        int[] target = grid.patchesOf(20); // patches 23, 24, 30, 31
        for (int p : target) {
            spread(attention, p + 1, 25); // uniform over 25 keys: entropy ln 25
        }
        for (int p : grid.patchesOf(0)) {
            spread(attention, p + 1, 50); // even higher entropy (ln 50), but already seen
        }
        boolean[][] seen = new boolean[1][49];
        boolean[][] taken = new boolean[1][36];
        for (int p : grid.patchesOf(0)) {
            seen[0][p] = true;
        }
        taken[0][0] = true;
        Engines.pytorch();
        float[] e;
        try (NDManager m = NDManager.newBaseManager()) {
            // two heads with the same map: the entropies add up
            NDArray map = m.create(attention, new Shape(1, 1, l, l));
            e = AttentionEntropy.perPatch(map.concat(map, 1)).toFloatArray();
        }
        assertThat(e).hasSize(49);
        assertThat((double) e[23]).isCloseTo(2 * Math.log(25), within(1e-5));
        assertThat((double) e[0]).isCloseTo(2 * Math.log(50), within(1e-5));
        assertThat((double) e[2]).isCloseTo(0, within(1e-9));
        GlimpseState s = new GlimpseState(grid, seen, taken, e, 1, new Random(0), 14);
        assertThat(new AttentionEntropyPolicy().next(s)).containsExactly(20);
        // the first glimpse is the data-driven start
        GlimpseState first = new GlimpseState(grid, new boolean[1][49], new boolean[1][36], null, 0, new Random(0), 14);
        assertThat(new AttentionEntropyPolicy().next(first)).containsExactly(14);
        assertThat(new RasterPolicy().next(first)).containsExactly(14);
    }

    private static void spread(float[] attention, int row, int keys) {
        int l = 50;
        for (int j = 0; j < l; j++) {
            attention[row * l + j] = j < keys ? 1f / keys : 0f;
        }
    }

    @Test
    void rasterSkipsWindowsThatRevealNothingNew() {
        boolean[][] seen = new boolean[1][49];
        boolean[][] taken = new boolean[1][36];
        taken[0][14] = true;
        for (int p : grid.patchesOf(0)) {
            seen[0][p] = true;
        }
        GlimpseState s = new GlimpseState(grid, seen, taken, null, 1, new Random(0), 14);
        assertThat(new RasterPolicy().next(s)).containsExactly(2); // (0,0) is seen, the next tile is (0,2)
    }

    @Test
    void unseenPatchesEnterAsTheMaskToken() {
        Engines.pytorch();
        try (NDManager m = NDManager.newBaseManager()) {
            GlimpseModel model = new GlimpseModel(grid, 16, 1, 2, 10);
            model.initialize(m, DataType.FLOAT32, model.inputShapes());
            ParameterStore ps = new ParameterStore(m, false);
            NDArray patchesA = m.randomNormal(new Shape(1, 49, 16));
            NDArray patchesB = m.randomNormal(new Shape(1, 49, 16));
            float[] seenMask = new float[49];
            seenMask[3] = 1;
            NDArray seen = m.create(seenMask, new Shape(1, 49));
            NDArray a = model.inputTokens(ps, patchesA, seen, false);
            NDArray b = model.inputTokens(ps, patchesB, seen, false);
            NDArray maskToken = model.getParameters().get("mask_token").getArray().reshape(16);
            // an unseen patch's token is the mask token whatever the pixels; a seen one depends on them
            assertThat(a.get(0, 10).toFloatArray()).containsExactly(maskToken.toFloatArray());
            assertThat(b.get(0, 10).toFloatArray()).containsExactly(maskToken.toFloatArray());
            assertThat(a.get(0, 3).toFloatArray()).isNotEqualTo(b.get(0, 3).toFloatArray());
            var out = model.run(ps, patchesA, seen, false);
            assertThat(out.get(0).getShape()).isEqualTo(new Shape(1, 10));
            assertThat(out.get(1).getShape()).isEqualTo(new Shape(1, 49, 16));
            assertThat(out.get(2).getShape()).isEqualTo(new Shape(1, 2, 50, 50));
            for (float rowSum : out.get(2).sum(new int[] {3}).toFloatArray()) {
                assertThat(rowSum).isCloseTo(1f, within(1e-5f));
            }
        }
    }

    @Test
    void stopRuleStopsAtTheFirstConfidentStepOrTheLast() {
        float[] conf = {0.3f, 0.6f, 0.96f, 0.99f};
        assertThat(StopRule.stopStep(conf, 0.5)).isEqualTo(1);
        assertThat(StopRule.stopStep(conf, 0.95)).isEqualTo(2);
        assertThat(StopRule.stopStep(conf, 0.2)).isZero();
        assertThat(StopRule.stopStep(conf, 1.01)).isEqualTo(3);
    }

    @Test
    void thePixelsNeededForATargetAccuracyAreTheCheapestStopPointReachingIt() {
        GlimpseEvaluator.Result r = new GlimpseEvaluator.Result(new double[0], new double[0], new double[] {0.5, 0.9, 0.99, 1.01},
                new double[] {0.70, 0.80, 0.84, 0.85}, new double[] {0.20, 0.35, 0.50, 0.65});
        assertThat(r.pixelFractionToReach(0.83)).isEqualTo(0.50);
        assertThat(r.pixelFractionToReach(0.80)).isEqualTo(0.35);
        assertThat(r.pixelFractionToReach(0.90)).isNull();
    }
}
