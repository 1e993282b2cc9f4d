package io.zerowaste.exits.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RowSoftmaxTest {

    @Test
    void softmaxOfARowInsideABatch() {
        float[] logits = {9f, 9f, 1f, 2f, 3f, 9f};
        float[] p = new float[3];
        RowSoftmax.softmax(logits, 2, p);
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertThat(p).containsExactly(new float[] {(float) (Math.exp(1) / z), (float) (Math.exp(2) / z),
            (float) (Math.exp(3) / z)}, within(1e-7f));
    }

    @Test
    void logSoftmaxIsStableForLargeLogitsAndLandsAtTheOffset() {
        float[] logits = {1000f, 999f};
        float[] out = new float[5];
        RowSoftmax.logSoftmax(logits, 0, 2, out, 3);
        double lse = Math.log(1 + Math.exp(-1));
        assertThat(out[3]).isCloseTo((float) -lse, within(1e-6f));
        assertThat(out[4]).isCloseTo((float) (-1 - lse), within(1e-6f));
        assertThat(out[0]).isZero();
    }
}
