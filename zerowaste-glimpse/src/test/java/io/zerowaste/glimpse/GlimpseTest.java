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
import io.zerowaste.glimpse.policy.CheckerboardPolicy;
import io.zerowaste.glimpse.policy.AttentionEntropyPolicy;
import io.zerowaste.glimpse.policy.GlimpseState;
import io.zerowaste.glimpse.policy.RasterPolicy;
import io.zerowaste.glimpse.policy.StopRule;
import io.zerowaste.glimpse.train.Episode;
import io.zerowaste.glimpse.train.GlimpseEvaluator;
import io.zerowaste.glimpse.train.GlimpseSubsets;
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
    void entropyIsPerPatchRowOverThePatchKeysSummedOverHeads() {
        int l = 50;
        float[] attention = new float[l * l];
        for (int row = 0; row < l; row++) {
            attention[row * l + 1] = 1f; // one-hot on a patch key: entropy 0
        }
        spread(attention, 24, 25); // patch 23: uniform over 25 patch keys, entropy ln 25
        attention[5 * l] = 0.5f; // patch 4: half on CLS (left out, as in AME), half on one patch key
        attention[5 * l + 1] = 0.5f;
        Engines.pytorch();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray map = m.create(attention, new Shape(1, 1, l, l));
            float[] e = GlimpseModel.entropyPerPatch(map.concat(map, 1)).toFloatArray(); // two equal heads add up
            assertThat(e).hasSize(49);
            assertThat((double) e[23]).isCloseTo(2 * Math.log(25), within(1e-5));
            assertThat((double) e[2]).isCloseTo(0, within(1e-9));
            assertThat((double) e[4]).isCloseTo(2 * (-0.5 * Math.log(0.5)), within(1e-5));
        }
    }

    @Test
    void entropyTakesTheWindowWithTheHighestMeanAndCountsSeenPatchesAsZero() {
        float[] e = new float[49];
        for (int p : grid.patchesOf(20)) { // patches 23, 24, 30, 31
            e[p] = 2f;
        }
        for (int p : grid.patchesOf(0)) {
            e[p] = 10f; // highest, but seen already
        }
        e[2] = 5f; // window 1 = patches 1, 2, 8, 9: two of them seen (1, 8), mean (0 + 5 + 0 + 0) / 4 = 1.25
        boolean[][] seen = new boolean[1][49];
        boolean[][] taken = new boolean[1][36];
        for (int p : grid.patchesOf(0)) {
            seen[0][p] = true;
        }
        taken[0][0] = true;
        GlimpseState s = new GlimpseState(grid, seen, taken, e, 1, new Random(0), 14);
        assertThat(new AttentionEntropyPolicy().next(s)).containsExactly(20);
        e[2] = 9f; // now window 1 scores 9 / 4 = 2.25 > 2
        assertThat(new AttentionEntropyPolicy().next(s)).containsExactly(1);
    }

    @Test
    void theFirstWindowIsTheDataDrivenStartOrThePolicysOwnFixedStart() {
        GlimpseState first = new GlimpseState(grid, new boolean[1][49], new boolean[1][36], null, 0, new Random(0), 14);
        assertThat(new AttentionEntropyPolicy().next(first)).containsExactly(14);
        assertThat(new RasterPolicy().next(first)).containsExactly(14);
        assertThat(new CheckerboardPolicy().next(first)).containsExactly(14);
        // AME's way: fixed orders start at their first window; entropy reads the empty view's attention
        GlimpseState own = new GlimpseState(grid, new boolean[1][49], new boolean[1][36], null, 0, new Random(0), -1);
        assertThat(new RasterPolicy().next(own)).containsExactly(0);
        assertThat(new CheckerboardPolicy().next(own)).containsExactly(0);
        float[] e = new float[49];
        for (int p : grid.patchesOf(35)) {
            e[p] = 1f;
        }
        GlimpseState empty = new GlimpseState(grid, new boolean[1][49], new boolean[1][36], e, 0, new Random(0), -1);
        assertThat(new AttentionEntropyPolicy().next(empty)).containsExactly(35);
    }

    private static void spread(float[] attention, int row, int keys) {
        int l = 50;
        for (int j = 0; j < l; j++) {
            attention[row * l + j] = j >= 1 && j <= keys ? 1f / keys : 0f; // patch keys 1..keys, none on CLS
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
    void theEncoderSeesOnlyTheSeenPatchesWhateverElseIsInTheBatch() {
        Engines.pytorch();
        try (NDManager m = NDManager.newBaseManager()) {
            Engines.seed(1);
            GlimpseModel model = new GlimpseModel(grid, 1, 16, 2, 1, 2, 10);
            model.initialize(m, DataType.FLOAT32, model.inputShapes());
            ParameterStore ps = new ParameterStore(m, false);
            NDArray a = m.randomNormal(new Shape(1, 49, 16));
            NDArray b = a.duplicate();
            b.set(new ai.djl.ndarray.index.NDIndex("0, 10:, :"), 7f); // other pixels in patches 10.. (unseen below)
            boolean[][] seen = new boolean[1][49];
            for (int p : grid.patchesOf(0)) {
                seen[0][p] = true; // patches 0, 1, 7, 8
            }
            GlimpseModel.Output outA = model.run(ps, a, seen, false, true);
            GlimpseModel.Output outB = model.run(ps, b, seen, false, true);
            // unseen pixels change nothing: not the class, not the reconstruction, not the entropy
            assertThat(outB.logits().toFloatArray()).containsExactly(outA.logits().toFloatArray());
            assertThat(outB.reconstruction().toFloatArray()).containsExactly(outA.reconstruction().toFloatArray());
            assertThat(outB.entropy().toFloatArray()).containsExactly(outA.entropy().toFloatArray());
            assertThat(outA.reconstruction().getShape()).isEqualTo(new Shape(1, 49, 16));
            assertThat(outA.entropy().getShape()).isEqualTo(new Shape(1, 49));
            // a seen pixel does change the answer
            NDArray c = a.duplicate();
            c.set(new ai.djl.ndarray.index.NDIndex("0, 8, :"), 7f);
            assertThat(model.run(ps, c, seen, false, false).logits().toFloatArray()).isNotEqualTo(outA.logits().toFloatArray());
            // batched with a sample that saw more (so this one is padded), the answer is the same up to rounding
            boolean[][] two = {seen[0], GlimpseSubsets.draw(grid, 1, 6, new Random(3))[0]};
            NDArray pair = a.concat(m.randomNormal(new Shape(1, 49, 16)), 0);
            float[] batched = model.run(ps, pair, two, false, true).logits().get(0).toFloatArray();
            float[] alone = outA.logits().get(0).toFloatArray();
            for (int k = 0; k < alone.length; k++) {
                assertThat(batched[k]).isCloseTo(alone[k], within(1e-4f));
            }
        }
    }

    @Test
    void colourImagesOfAnotherSizeCutIntoChannelFirstPatches() {
        Engines.pytorch();
        GlimpseGrid g = new GlimpseGrid(16, 24, 4, 2); // 4×6 patches, 3×5 windows
        float[] img = new float[3 * 16 * 24];
        for (int i = 0; i < img.length; i++) {
            img[i] = i;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray patches = Episode.patches(m.create(img, new Shape(1, 3, 16, 24)), g);
            assertThat(patches.getShape()).isEqualTo(new Shape(1, 24, 48));
            float[] p = patches.toFloatArray();
            assertThat(p[16]).isEqualTo(16 * 24f); // patch 0's values: channel 0's 16 pixels, then channel 1's (pixel 0 of plane 1)
            GlimpseModel model = new GlimpseModel(g, 3, 16, 1, 1, 2, 5);
            model.initialize(m, DataType.FLOAT32, model.inputShapes());
            boolean[][] seen = GlimpseSubsets.draw(g, 1, 2, new Random(0));
            GlimpseModel.Output out = model.run(new ParameterStore(m, false), patches, seen, false, true);
            assertThat(out.logits().getShape()).isEqualTo(new Shape(1, 5));
            assertThat(out.reconstruction().getShape()).isEqualTo(new Shape(1, 24, 48));
            assertThat(out.entropy().getShape()).isEqualTo(new Shape(1, 24));
        }
    }

    @Test
    void encoderComputeGrowsWithWhatWasSeen() {
        GlimpseModel model = new GlimpseModel(grid, 1, 8, 1, 1, 2, 10);
        // 4 seen patches: embed 4·16·8; one layer with L = 5 tokens: 4·L·D² + 2·L²·D + 2·L·D·4D; classifier 8·10
        long expected = 4 * 16 * 8 + (4L * 5 * 64 + 2L * 25 * 8 + 2L * 5 * 8 * 32) + 80;
        assertThat(model.encoderMacs(4)).isEqualTo(expected);
        assertThat(model.encoderMacs(49)).isGreaterThan(8 * model.encoderMacs(4));
    }

    @Test
    void randomGlimpseSubsetsRevealKWindowsThatEachAddSomething() {
        boolean[][] seen = GlimpseSubsets.draw(grid, 50, 3, new Random(0));
        for (boolean[] s : seen) {
            int count = 0;
            for (boolean b : s) {
                count += b ? 1 : 0;
            }
            assertThat(count).isBetween(4 + 1 + 1, 12); // 4 patches, then at least one new patch per window
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
                new double[] {0.70, 0.80, 0.84, 0.85}, new double[] {0.20, 0.35, 0.50, 0.65}, new double[] {0.72, 0.83, 0.86, 0.87},
                new double[] {0.25, 0.38, 0.55, 1.0}, new double[0]);
        assertThat(r.pixelFractionToReach(0.83)).isEqualTo(0.50);
        assertThat(r.pixelFractionToReach(0.80)).isEqualTo(0.35);
        assertThat(r.pixelFractionToReach(0.90)).isNull();
        assertThat(r.fallbackPixelFractionToReach(0.83)).isEqualTo(0.38);
        assertThat(r.fallbackPixelFractionToReach(0.87)).isEqualTo(1.0);
    }
}
