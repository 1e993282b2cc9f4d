package io.zerowaste.continual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.zerowaste.continual.seedexperts.Gaussian;
import io.zerowaste.continual.seedexperts.SeedStrategy;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GaussianTest {

    @Test
    void logLikelihoodMatchesTheClosedForm() {
        Gaussian g = Gaussian.of(new double[] {1, 2}, new double[][] {{2, 0.5}, {0.5, 1}});
        // det = 1.75; (x−μ)ᵀΣ⁻¹(x−μ) at x = 0: [−1, −2]·[[1, −.5], [−.5, 2]]/1.75·[−1, −2] = 7 / 1.75 = 4
        double expected = -0.5 * (4 + Math.log(1.75) + 2 * Math.log(2 * Math.PI));
        assertThat(g.logLikelihood(new double[] {0, 0})).isCloseTo(expected, within(1e-12));
        assertThat(g.logDeterminant()).isCloseTo(Math.log(1.75), within(1e-12));
    }

    @Test
    void klMatchesTheClosedForm() {
        Gaussian p = Gaussian.of(new double[] {0}, new double[][] {{1}});
        Gaussian q = Gaussian.of(new double[] {1}, new double[][] {{4}});
        // KL(N(0,1) ‖ N(1,4)) = ln(2/1) + (1 + 1²)/(2·4) − 1/2
        assertThat(Gaussian.kl(p, q)).isCloseTo(Math.log(2) + 0.25 - 0.5, within(1e-12));
        assertThat(Gaussian.kl(p, p)).isCloseTo(0, within(1e-12));
        // independent dimensions add up
        Gaussian p2 = Gaussian.of(new double[] {0, 3}, new double[][] {{1, 0}, {0, 2}});
        Gaussian q2 = Gaussian.of(new double[] {1, 3}, new double[][] {{4, 0}, {0, 2}});
        assertThat(Gaussian.kl(p2, q2)).isCloseTo(Math.log(2) + 0.25 - 0.5, within(1e-12));
    }

    @Test
    void fitRecoversMeanAndCovarianceAndRegularisesASingularOne() {
        Random r = new Random(1);
        float[][] x = new float[20000][];
        for (int i = 0; i < x.length; i++) {
            double a = r.nextGaussian();
            double b = r.nextGaussian();
            x[i] = new float[] {(float) (3 + a), (float) (-1 + 0.5 * a + b), 0f}; // third unit is dead: variance 0
        }
        Gaussian g = Gaussian.fit(x);
        assertThat(g.mean()[0]).isCloseTo(3, within(0.03));
        assertThat(g.covariance()[1][0]).isCloseTo(0.5, within(0.03));
        assertThat(g.covariance()[1][1]).isCloseTo(1.25, within(0.05));
        assertThat(g.covariance()[2][2]).isGreaterThan(0); // eps added until invertible
        assertThat(g.logLikelihood(new double[] {3, -1, 0})).isFinite();
    }

    @Test
    void meanPairwiseKlAveragesBothDirections() {
        Gaussian p = Gaussian.of(new double[] {0}, new double[][] {{1}});
        Gaussian q = Gaussian.of(new double[] {1}, new double[][] {{4}});
        double mean = SeedStrategy.meanPairwiseKl(List.of(new SeedStrategy.Component(0, 0, p), new SeedStrategy.Component(1, 0, q)));
        assertThat(mean).isCloseTo((Gaussian.kl(p, q) + Gaussian.kl(q, p)) / 2, within(1e-12));
    }
}
