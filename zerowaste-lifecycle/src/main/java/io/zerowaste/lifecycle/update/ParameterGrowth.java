package io.zerowaste.lifecycle.update;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.zerowaste.core.ZeroWasteException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Warm start across a growing number of classes: every parameter of the new model takes the old model's values
 * where their shapes overlap. Parameters over classes (the classifier's and every head's output rows, the ZTW
 * ensembles' per-class biases, a cascade head's inputs from the previous head's logits) are larger in the new
 * model; their old entries are copied and the new classes' entries keep their fresh initialisation. Old and new
 * are matched by parameter name, so both must be the same architecture and method.
 */
public final class ParameterGrowth {

    private ParameterGrowth() {}

    /** Copies {@code from} into {@code to}; returns how many parameters were copied whole and how many grew. */
    public static int[] copy(Block from, Block to) {
        Map<String, Parameter> old = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : from.getParameters()) {
            old.put(p.getKey(), p.getValue());
        }
        int same = 0;
        int grown = 0;
        for (Pair<String, Parameter> p : to.getParameters()) {
            Parameter src = old.get(p.getKey());
            if (src == null) {
                throw ZeroWasteException.badInput("the updated model has parameter " + p.getKey() + " that the bundle lacks"
                        + " (the bundle was made for another architecture or method)");
            }
            NDArray a = src.getArray();
            NDArray b = p.getValue().getArray();
            Shape sa = a.getShape();
            Shape sb = b.getShape();
            if (sa.equals(sb)) {
                a.copyTo(b);
                same++;
                continue;
            }
            if (sa.dimension() != sb.dimension()) {
                throw ZeroWasteException.badInput("parameter " + p.getKey() + " is " + sa + " in the bundle but " + sb
                        + " in the updated model (another architecture)");
            }
            for (int d = 0; d < sa.dimension(); d++) {
                if (sa.get(d) > sb.get(d)) {
                    throw ZeroWasteException.badInput("parameter " + p.getKey() + " would shrink from " + sa + " to " + sb
                            + " (an update adds classes, never removes them)");
                }
            }
            float[] merged = overlap(a.toFloatArray(), sa.getShape(), b.toFloatArray(), sb.getShape());
            try (NDArray m = b.getManager().create(merged, sb)) {
                m.copyTo(b);
            }
            grown++;
        }
        return new int[] {same, grown};
    }

    /** {@code to} (row-major, shape {@code tb}) with the block it shares with {@code from} (shape {@code ta}) taken from {@code from}. */
    public static float[] overlap(float[] from, long[] ta, float[] to, long[] tb) {
        float[] out = to.clone();
        int dims = ta.length;
        long[] strideA = new long[dims];
        long[] strideB = new long[dims];
        long sA = 1;
        long sB = 1;
        for (int d = dims - 1; d >= 0; d--) {
            strideA[d] = sA;
            strideB[d] = sB;
            sA *= ta[d];
            sB *= tb[d];
        }
        for (int i = 0; i < from.length; i++) {
            long rest = i;
            long j = 0;
            for (int d = 0; d < dims; d++) {
                long coord = rest / strideA[d];
                rest %= strideA[d];
                j += coord * strideB[d];
            }
            out[(int) j] = from[i];
        }
        return out;
    }
}
