package io.zerowaste.core.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits one fuzz input into several files at a text marker. A marker (not length prefixes) keeps the
 * seed corpus readable and lets the fuzzer grow or shrink one part without shifting the others.
 */
final class FuzzParts {

    static final byte[] MARKER = "\n==part==\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private FuzzParts() {}

    /** Exactly {@code n} parts: missing ones are empty, extra markers stay inside the last part. */
    static byte[][] split(byte[] input, int n) {
        List<byte[]> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i + MARKER.length <= input.length && parts.size() < n - 1; i++) {
            if (Arrays.equals(input, i, i + MARKER.length, MARKER, 0, MARKER.length)) {
                parts.add(Arrays.copyOfRange(input, start, i));
                start = i + MARKER.length;
                i = start - 1;
            }
        }
        parts.add(Arrays.copyOfRange(input, Math.min(start, input.length), input.length));
        while (parts.size() < n) {
            parts.add(new byte[0]);
        }
        return parts.toArray(new byte[0][]);
    }
}
