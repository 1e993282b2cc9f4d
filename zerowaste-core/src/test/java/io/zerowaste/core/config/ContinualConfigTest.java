package io.zerowaste.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The continual defaults, and SEED's default number of experts in scenarios shorter than it. */
class ContinualConfigTest {

    @Test
    void theDefaultsAreTheValidationChosenOnes() {
        ContinualConfig d = ContinualConfig.defaults();
        assertThat(d.ewcLambda()).isEqualTo(100);
        assertThat(d.lwfLambda()).isEqualTo(2);
        assertThat(d.learningRate()).isEqualTo(0.01);
        assertThat(d.experts()).isEqualTo(5);
        assertThat(d.experiences()).isEqualTo(5);
    }

    @Test
    void theDefaultExpertsFollowAShorterScenarioButAnExplicitCountIsChecked() {
        assertThat(ContinualConfig.builder().optExperiences(3).build().experts()).isEqualTo(3);
        assertThat(ContinualConfig.builder().optExperiences(8).build().experts()).isEqualTo(5);
        assertThat(ContinualConfig.builder().optExperiences(3).optExperts(2).build().experts()).isEqualTo(2);
        assertThatThrownBy(() -> ContinualConfig.builder().optExperiences(3).optExperts(4).build())
                .hasMessageContaining("--experts must be between 1 and the number of experiences");
    }
}
