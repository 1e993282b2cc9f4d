package io.zerowaste.continual;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerowaste.continual.plugin.ExemplarMemory;
import io.zerowaste.continual.plugin.Herding;
import io.zerowaste.core.data.ImageSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HerdingTest {

    @Test
    void picksTheSampleNearestTheMeanFirstThenKeepsTheRunningMeanClose() {
        // normalised: (1,0), (0,1), (.71,.71), and (2,0) which normalises onto (1,0)
        float[][] f = {{1, 0}, {0, 1}, {3, 3}, {2, 0}};
        // mean of the normalised rows = (0.677, 0.427). First: (.71,.71) is nearest. Then the running mean
        // (p2 + x)/2 is nearest for x = (1,0) [index 0, ahead of its twin 3]; then (0,1) or (2,0):
        // (p2 + p0 + p1)/3 = (.57,.57) vs (p2 + p0 + p3)/3 = (.90,.24): the mean is nearer the first.
        assertThat(Herding.select(f, 4)).containsExactly(2, 0, 1, 3);
        assertThat(Herding.select(f, 2)).containsExactly(2, 0);
        assertThat(Herding.select(f, 9)).hasSize(4);
    }

    @Test
    void memoryIsSplitEvenlyAcrossGroupsAndShrinksByTruncation() {
        ExemplarMemory m = new ExemplarMemory(5);
        Map<String, ImageSet> first = new LinkedHashMap<>();
        first.put("class-0", images(0, 5));
        m.add(first);
        assertThat(m.size()).isEqualTo(5);
        Map<String, ImageSet> second = new LinkedHashMap<>();
        second.put("class-1", images(1, 5));
        m.add(second);
        assertThat(m.groups().get("class-0").size()).isEqualTo(3);
        assertThat(m.groups().get("class-1").size()).isEqualTo(2);
        // truncation keeps the best-ranked (first) samples
        assertThat(m.groups().get("class-0").pixels()[0]).isEqualTo((byte) 0);
        assertThat(m.groups().get("class-0").pixels()[2]).isEqualTo((byte) 2);
    }

    private static ImageSet images(int label, int n) {
        byte[] px = new byte[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            px[i] = (byte) i;
            labels[i] = label;
        }
        return new ImageSet(px, labels, 1, 1);
    }
}
