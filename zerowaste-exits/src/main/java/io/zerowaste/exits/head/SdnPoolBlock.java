package io.zerowaste.exits.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import io.zerowaste.core.ZeroWasteException;

/**
 * SDN pooling: {@code a·maxpool + (1−a)·avgpool} down to 4×4, with a learnable scalar {@code a} starting
 * at 0.5. The pools use a fixed window (stride ⌊H/4⌋, kernel H − 3·stride), which gives exactly 4×4 for
 * every input size of 4 or more and equals adaptive pooling when H is a multiple of 4.
 */
public final class SdnPoolBlock extends AbstractBlock {

    public static final int OUT = 4;

    private final Parameter alpha;
    private Shape kernel;
    private Shape stride;

    public SdnPoolBlock() {
        alpha = addParameter(Parameter.builder().setName("alpha").setType(Parameter.Type.OTHER)
                .optInitializer(new ConstantInitializer(0.5f)).optShape(new Shape(1)).build());
    }

    /** The pooling window (kernel, stride) for an input of side {@code size}. */
    public static int[] window(int size) {
        if (size < OUT) {
            throw ZeroWasteException.badInput("an early-exit head needs feature maps of at least " + OUT + "x" + OUT
                    + " after its stride-2 conv, got " + size);
        }
        int s = size / OUT;
        return new int[] {size - (OUT - 1) * s, s};
    }

    /** The current mixing weight {@code a}. */
    public float alpha() {
        return alpha.getArray().getFloat(0);
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        int[] hw = window((int) inputShapes[0].get(2));
        int[] ww = window((int) inputShapes[0].get(3));
        kernel = new Shape(hw[0], ww[0]);
        stride = new Shape(hw[1], ww[1]);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (kernel == null) {
            prepare(new Shape[] {x.getShape()});
        }
        if (kernel.get(0) == 1 && kernel.get(1) == 1 && stride.get(0) == 1 && stride.get(1) == 1) {
            return new NDList(x); // a 4×4 input: both pools are the identity, and so is their mix
        }
        NDArray a = ps.getValue(alpha, x.getDevice(), training);
        NDArray max = Pool.maxPool2d(x, kernel, stride, new Shape(0, 0), false);
        NDArray avg = Pool.avgPool2d(x, kernel, stride, new Shape(0, 0), false, true);
        // a·max + (1 − a)·avg = avg + a·(max − avg); the input's manager owns the result
        return new NDList(avg.add(max.sub(avg).mul(a)));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        prepare(inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), inputShapes[0].get(1), OUT, OUT)};
    }
}
