package io.zerowaste.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.zerowaste.core.io.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizationTest {

    @Test
    void greyFitIsTheScalarMeanAndStdAndWritesOnlyThem() {
        // pixels 0 and 255: mean 0.5, std 0.5
        Normalization n = Normalization.fit(new ImageSet(new byte[] {0, (byte) 255}, new int[] {0, 1}, 1, 1));
        assertThat(n.mean()).isCloseTo(0.5, within(1e-12));
        assertThat(n.std()).isCloseTo(0.5, within(1e-12));
        assertThat(n.channels()).isEqualTo(1);
        assertThat(n.apply(255)).isEqualTo(1f);
        assertThat(Json.toString(n)).contains("\"mean\"", "\"std\"").doesNotContain("channel");
    }

    @Test
    void colourFitIsPerChannel() {
        // two 1×1 RGB images: R = 0, 255; G = 51, 51; B = 255, 255
        byte[] px = {0, 51, (byte) 255, (byte) 255, 51, (byte) 255};
        Normalization n = Normalization.fit(new ImageSet(px, new int[] {0, 1}, 3, 1, 1));
        assertThat(n.channels()).isEqualTo(3);
        assertThat(n.mean(0)).isCloseTo(0.5, within(1e-12));
        assertThat(n.std(0)).isCloseTo(0.5, within(1e-12));
        assertThat(n.mean(1)).isCloseTo(0.2, within(1e-12));
        assertThat(n.std(1)).isCloseTo(Math.sqrt(1e-12), within(1e-9)); // constant channel: the variance floor
        assertThat(n.mean(2)).isCloseTo(1.0, within(1e-12));
        assertThat(n.apply(0, 255)).isCloseTo(1f, within(1e-6f));
        // overall statistics over the six values, for display
        assertThat(n.mean()).isCloseTo((0 + 255 + 51 + 51 + 255 + 255) / 255.0 / 6, within(1e-12));
    }

    @Test
    void anOldBundlesScalarNormalizationStillReadsAndColourRoundTrips() {
        Normalization old = Json.MAPPER.convertValue(java.util.Map.of("mean", 0.286, "std", 0.353), Normalization.class);
        assertThat(old).isEqualTo(new Normalization(0.286, 0.353));
        assertThat(old.channels()).isEqualTo(1);
        Normalization colour = new Normalization(0.4, 0.2, List.of(0.5, 0.4, 0.3), List.of(0.25, 0.2, 0.15));
        Normalization back = Json.MAPPER.convertValue(Json.asMap(colour), Normalization.class);
        assertThat(back).isEqualTo(colour);
        assertThat(Json.toString(colour)).contains("channel_means");
    }
}
