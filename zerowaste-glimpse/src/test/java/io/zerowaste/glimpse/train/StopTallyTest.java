package io.zerowaste.glimpse.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The stop rule's tally: capped at the last glimpse, or answered from the full image when never confident. */
class StopTallyTest {

    // two samples over two glimpses; sample 0 is confident at step 2 and right, sample 1 never is and only the full image is right
    private static final int[][] PRED = {{1, 1}, {0, 1}};
    private static final float[][] CONF = {{0.5f, 0.2f}, {0.95f, 0.4f}};
    private static final double[][] FRAC = {{0.1, 0.1}, {0.2, 0.2}};
    private static final int[] LABELS = {0, 2};
    private static final int[] FULL = {0, 2};

    @Test
    void cappedStopAnswersFromTheLastGlimpse() {
        GlimpseEvaluator.StopTally t = new GlimpseEvaluator.StopTally(2);
        GlimpseEvaluator.tallyStopRule(new double[] {0.9, 1.01}, PRED, CONF, FRAC, null, LABELS, 0, t);
        assertThat(t.accuracy(2)).containsExactly(0.5, 0.5);
        assertThat(t.pixelFraction(2)[0]).isCloseTo(0.2, within(1e-12));
        assertThat(t.pixelFraction(2)[1]).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void fallbackAnswersTheUnsureFromTheFullImageAndCountsEveryPixel() {
        GlimpseEvaluator.StopTally t = new GlimpseEvaluator.StopTally(2);
        GlimpseEvaluator.tallyStopRule(new double[] {0.9, 1.01}, PRED, CONF, FRAC, FULL, LABELS, 0, t);
        // τ 0.9: sample 0 stops confident at 20 % of the pixels; sample 1 falls back to the full image (100 %)
        assertThat(t.accuracy(2)).containsExactly(1.0, 1.0);
        assertThat(t.pixelFraction(2)[0]).isCloseTo(0.6, within(1e-12));
        // τ above 1: nobody is ever confident, so the rule is the full-image pass
        assertThat(t.pixelFraction(2)[1]).isCloseTo(1.0, within(1e-12));
    }
}
