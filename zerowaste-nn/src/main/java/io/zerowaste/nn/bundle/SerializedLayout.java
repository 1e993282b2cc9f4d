package io.zerowaste.nn.bundle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Which bytes of a DJL serialisation are structure (names, shapes, lengths, versions) and which are values.
 * DJL trusts the sizes it reads and allocates from them, so untrusted bytes are checked against this layout
 * first: a file whose structure differs from what the model itself writes is refused before DJL reads it.
 *
 * <p>The layout is found by serialising the same arrays twice, all zeros and then all 0x3EAAAAAB (1/3 as a
 * float, no zero byte): the bytes that differ are values, the rest is structure.
 */
final class SerializedLayout {

    private static final float FILL = 1f / 3;
    private static final long LONG_FILL = 0x0101010101010101L;

    private final byte[] zeros;
    private final BitSet values;

    private SerializedLayout(byte[] zeros, byte[] filled) {
        if (zeros.length != filled.length) {
            throw new IllegalStateException("the serialised size depends on the values (" + zeros.length + " vs " + filled.length + ")");
        }
        this.zeros = zeros;
        this.values = new BitSet(zeros.length);
        for (int i = 0; i < zeros.length; i++) {
            if (zeros[i] != filled[i]) {
                values.set(i);
            }
        }
    }

    /** The layout of {@code block}'s parameters. Overwrites them: call it just before loading new ones. */
    static SerializedLayout ofParameters(Block block) {
        fillParameters(block, 0f);
        byte[] zeros = ModelBundle.serialize(block);
        fillParameters(block, FILL);
        return new SerializedLayout(zeros, ModelBundle.serialize(block));
    }

    /** The layout of an {@link NDList#encode()} of arrays shaped and typed like {@code like}. */
    static SerializedLayout ofList(NDList like, NDManager manager) {
        try (NDManager tmp = manager.newSubManager()) {
            NDList zeros = new NDList();
            NDList filled = new NDList();
            for (NDArray a : like) {
                zeros.add(tmp.zeros(a.getShape(), a.getDataType()));
                filled.add(filledLike(a, tmp));
            }
            return new SerializedLayout(zeros.encode(), filled.encode());
        }
    }

    /** Null when {@code bytes} has this layout, else what differs, for the error message. */
    String mismatch(byte[] bytes) {
        if (bytes.length != zeros.length) {
            return "it is " + bytes.length + " bytes long but the model's parameters take " + zeros.length;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (!values.get(i) && bytes[i] != zeros[i]) {
                return "its structure (names, shapes, sizes) differs from the model's at byte " + i;
            }
        }
        return null;
    }

    private static void fillParameters(Block block, float value) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray a = p.getValue().getArray();
            a.muli(0).addi(value);
        }
    }

    private static NDArray filledLike(NDArray a, NDManager tmp) {
        if (a.getDataType() == DataType.INT64) {
            long[] v = new long[Math.toIntExact(a.size())];
            Arrays.fill(v, LONG_FILL);
            return tmp.create(v, a.getShape());
        }
        if (a.getDataType() == DataType.FLOAT32) {
            return tmp.full(a.getShape(), FILL, DataType.FLOAT32);
        }
        throw new IllegalStateException("no layout fill for " + a.getDataType());
    }
}
