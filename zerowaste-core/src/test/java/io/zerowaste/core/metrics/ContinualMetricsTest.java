package io.zerowaste.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ContinualMetricsTest {

    // R[t][u]; R[0][1] = 0.85 is an accuracy on experience 1 before it was learnt (possible in domain-il):
    // it must count for forward transfer but not as a peak that forgetting measures from.
    private static final double[][] R = {
            {0.90, 0.85, 0.00},
            {0.60, 0.80, 0.20},
            {0.50, 0.70, 0.95}};

    @Test
    void averagesByHand() {
        assertThat(ContinualMetrics.averageAccuracyAfter(R, 1)).isCloseTo(0.70, within(1e-12));
        assertThat(ContinualMetrics.finalAverageAccuracy(R)).isCloseTo((0.50 + 0.70 + 0.95) / 3, within(1e-12));
        double a0 = 0.90;
        double a1 = 0.70;
        double a2 = (0.50 + 0.70 + 0.95) / 3;
        assertThat(ContinualMetrics.averageIncrementalAccuracy(R)).isCloseTo((a0 + a1 + a2) / 3, within(1e-12));
    }

    @Test
    void forgettingMeasuresFromTheBestAccuracyAfterLearning() {
        // u=0: max(0.90, 0.60) − 0.50 = 0.40; u=1: max(0.80) − 0.70 = 0.10 (0.85 before learning is ignored)
        assertThat(ContinualMetrics.forgetting(R)).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void backwardAndForwardTransferByHand() {
        // BWT: ((0.50 − 0.90) + (0.70 − 0.80)) / 2
        assertThat(ContinualMetrics.backwardTransfer(R)).isCloseTo(-0.25, within(1e-12));
        // FWT: ((R[0][1] − b1) + (R[1][2] − b2)) / 2 = ((0.85 − 0.05) + (0.20 − 0.10)) / 2
        assertThat(ContinualMetrics.forwardTransfer(R, new double[] {0.1, 0.05, 0.10})).isCloseTo(0.45, within(1e-12));
    }

    @Test
    void noForgettingWhenNothingIsLost() {
        double[][] perfect = {{1, 0}, {1, 1}};
        assertThat(ContinualMetrics.forgetting(perfect)).isZero();
        assertThat(ContinualMetrics.backwardTransfer(perfect)).isZero();
        assertThat(ContinualMetrics.forgetting(new double[][] {{0.7}})).isNaN();
    }
}
