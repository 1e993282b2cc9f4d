package io.zerowaste.core.fuzz;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits one fuzz input into several files at a text marker, and patches large valid files. A marker (not
 * length prefixes) keeps the seed corpus readable; a patch lets a small input damage a large file anywhere.
 * Shared by every module's fuzz targets through zerowaste-core's test-jar.
 */
public final class FuzzParts {

    static final byte[] MARKER = "\n==part==\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] PATCH = "PATCH".getBytes(StandardCharsets.US_ASCII);

    private FuzzParts() {}

    /** Exactly {@code n} parts: missing ones are empty, extra markers stay inside the last part. */
    public static byte[][] split(byte[] input, int n) {
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

    /**
     * The part itself, or, when it starts with {@code PATCH}, a copy of {@code valid} cut or padded to a
     * length (0: keep its length) and overwritten at an offset: {@code PATCH <u32 length> <u32 offset> <bytes>}.
     */
    public static byte[] patched(byte[] valid, byte[] part) {
        if (part.length < PATCH.length + 8 || !Arrays.equals(part, 0, PATCH.length, PATCH, 0, PATCH.length)) {
            return part;
        }
        ByteBuffer b = ByteBuffer.wrap(part, PATCH.length, 8);
        int rawLength = b.getInt();
        int length = rawLength == 0 ? valid.length : Math.floorMod(rawLength, valid.length + 64);
        int offset = Math.floorMod(b.getInt(), length + 1);
        byte[] out = Arrays.copyOf(valid, length);
        int n = Math.min(part.length - PATCH.length - 8, length - offset);
        System.arraycopy(part, PATCH.length + 8, out, offset, n);
        return out;
    }

    /** Replaces each {@code $NAME} placeholder in a text part, so fuzzed JSON can carry a correct checksum. */
    public static byte[] fill(byte[] text, String placeholder, String value) {
        String s = new String(text, StandardCharsets.ISO_8859_1);
        return s.replace(placeholder, value).getBytes(StandardCharsets.ISO_8859_1);
    }
}
