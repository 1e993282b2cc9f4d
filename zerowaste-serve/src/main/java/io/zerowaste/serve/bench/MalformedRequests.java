package io.zerowaste.serve.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Predict requests a server must refuse with a 4xx, mixed into a load to soak its error paths: broken JSON,
 * wrong image length, out-of-range pixels, wrong field type, unknown field, base64 that is no PNG, empty body.
 */
public final class MalformedRequests {

    private static final List<byte[]> BODIES = List.of(
            bytes("{\"instances\": [[0, 1, 2"),
            bytes("{\"instances\": [[0, 1, 2]]}"),
            bytes("{\"instances\": [" + pixels(300) + "]}"),
            bytes("{\"instances\": \"not a list\"}"),
            bytes("{\"pictures\": [" + pixels(0) + "]}"),
            bytes("{\"images_base64\": [\"bm90IGEgUE5H\"]}"),
            new byte[0]);

    private MalformedRequests() {}

    /**
     * Whether request k (0, 1, 2, … in sending order) is a malformed one: exactly ⌊n·fraction⌋ of the first n
     * requests are, spread evenly, so short and long runs mix in the same share.
     */
    public static boolean isMalformed(long k, double fraction) {
        return fraction > 0 && Math.floor((k + 1) * fraction) > Math.floor(k * fraction);
    }

    /** The malformed body for request k: the kinds in turn. */
    public static byte[] body(long k) {
        return BODIES.get((int) Math.floorMod(k, (long) BODIES.size()));
    }

    public static int kinds() {
        return BODIES.size();
    }

    private static String pixels(int value) {
        int[] px = new int[28 * 28];
        Arrays.fill(px, value);
        return Arrays.toString(px);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
