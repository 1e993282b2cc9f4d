package io.zerowaste.serve.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.core.io.Json;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The request bodies a load test sends: {@code {"instances": [[784 pixel values 0..255], …]}}, K images each. */
public final class RequestBodies {

    private RequestBodies() {}

    /** The images of {@code images} in order, {@code perRequest} to a body; a remainder short of a body is left out. */
    public static List<byte[]> of(ImageSet images, int perRequest) {
        int requests = images.size() / perRequest;
        int size = images.imageSize();
        List<byte[]> bodies = new ArrayList<>();
        for (int r = 0; r < requests; r++) {
            List<int[]> instances = new ArrayList<>();
            for (int i = r * perRequest; i < (r + 1) * perRequest; i++) {
                int[] px = new int[size];
                for (int k = 0; k < size; k++) {
                    px[k] = images.pixels()[i * size + k] & 0xff;
                }
                instances.add(px);
            }
            try {
                bodies.add(Json.MAPPER.writeValueAsBytes(Map.of("instances", instances)));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bodies;
    }
}
