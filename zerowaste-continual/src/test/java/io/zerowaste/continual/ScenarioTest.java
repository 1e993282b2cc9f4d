package io.zerowaste.continual;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerowaste.continual.scenario.Experience;
import io.zerowaste.continual.scenario.Scenario;
import io.zerowaste.continual.scenario.ScenarioBuilder;
import io.zerowaste.core.data.Dataset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScenarioTest {

    private final Dataset data = Fixture.load();

    @Test
    void classIlSplitsASeededClassOrderIntoDisjointPairs() {
        Scenario s = ScenarioBuilder.build("class-il", 5, data.train(), data.test(), 10, 3);
        Set<Integer> all = new HashSet<>();
        for (Experience e : s.experiences()) {
            assertThat(e.classes()).hasSize(2);
            Arrays.stream(e.classes()).forEach(all::add);
            Set<Integer> own = new HashSet<>();
            Arrays.stream(e.classes()).forEach(own::add);
            assertThat(Arrays.stream(e.train().labels()).boxed().toList()).allMatch(own::contains);
            assertThat(Arrays.stream(e.test().labels()).boxed().toList()).allMatch(own::contains);
        }
        assertThat(all).hasSize(10);
        assertThat(ScenarioBuilder.classOrder(10, 3)).containsExactly(ScenarioBuilder.classOrder(10, 3));
        assertThat(ScenarioBuilder.classOrder(10, 3)).isNotEqualTo(ScenarioBuilder.classOrder(10, 4));
        assertThat(s.allowedAtTest(1, 4, true)).isEqualTo(s.classesOf(4));
        assertThat(s.allowedInTraining(2)).isEqualTo(s.seenThrough(2));
    }

    @Test
    void domainIlPermutesPixelsPerExperienceAndSharesOutTheTrainingImages() {
        Scenario s = ScenarioBuilder.build("domain-il", 4, data.train(), data.test(), 10, 0);
        int total = s.experiences().stream().mapToInt(e -> e.train().size() + e.validation().size()).sum();
        assertThat(total).isEqualTo(data.train().size());
        assertThat(s.get(0).test().pixels()).isEqualTo(data.test().pixels()); // experience 0 is unpermuted
        int[] perm = ScenarioBuilder.pixelPermutation(2, 784, 0);
        byte[] first = Arrays.copyOfRange(s.get(2).test().pixels(), 0, 784);
        for (int k = 0; k < 784; k++) {
            assertThat(first[k]).isEqualTo(data.test().pixels()[perm[k]]);
        }
        assertThat(s.get(2).classes()).hasSize(10);
        assertThat(Scenario.TASK_IL.equals(s.kind())).isFalse();
    }

    @Test
    void everyExperienceHoldsOutASeededTwelfthOfItsTrainingImagesForValidation() {
        Scenario s = ScenarioBuilder.build("class-il", 5, data.train(), data.test(), 10, 0);
        for (Experience e : s.experiences()) {
            int all = e.train().size() + e.validation().size();
            assertThat(e.validation().size()).isEqualTo(all / 12).isPositive();
            Set<Integer> own = new HashSet<>();
            Arrays.stream(e.classes()).forEach(own::add);
            assertThat(Arrays.stream(e.validation().labels()).boxed().toList()).allMatch(own::contains);
            Set<String> trainImages = new HashSet<>();
            int px = e.train().imageSize();
            for (int i = 0; i < e.train().size(); i++) {
                trainImages.add(Arrays.toString(Arrays.copyOfRange(e.train().pixels(), i * px, (i + 1) * px)));
            }
            for (int i = 0; i < e.validation().size(); i++) { // held out: no validation image is trained on
                assertThat(trainImages).doesNotContain(Arrays.toString(Arrays.copyOfRange(e.validation().pixels(), i * px, (i + 1) * px)));
            }
        }
        Scenario again = ScenarioBuilder.build("class-il", 5, data.train(), data.test(), 10, 0);
        assertThat(again.get(3).validation().labels()).isEqualTo(s.get(3).validation().labels());
    }
}
