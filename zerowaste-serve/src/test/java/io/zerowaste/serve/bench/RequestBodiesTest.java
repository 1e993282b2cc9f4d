package io.zerowaste.serve.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.core.io.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {

    @Test
    void packsKImagesToABodyAndLeavesAShortRemainderOut() throws Exception {
        byte[] pixels = new byte[5 * 4];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (250 + i); // wraps past 255: bodies carry unsigned values
        }
        List<byte[]> bodies = RequestBodies.of(new ImageSet(pixels, new int[5], 2, 2), 2);
        assertThat(bodies).hasSize(2);
        JsonNode second = Json.MAPPER.readTree(bodies.get(1)).get("instances");
        assertThat(second).hasSize(2);
        assertThat(second.get(0).get(0).asInt()).isEqualTo((250 + 8) & 0xff);
        assertThat(second.get(1).size()).isEqualTo(4);
    }
}
