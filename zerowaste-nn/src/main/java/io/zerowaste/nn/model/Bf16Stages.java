package io.zerowaste.nn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import io.zerowaste.nn.script.Bf16Scripts;
import io.zerowaste.nn.script.ScriptLibrary;
import io.zerowaste.nn.script.ScriptedFunction;
import java.util.ArrayList;
import java.util.List;

/**
 * ResNet-14's stages in bfloat16: each basic block (stage 0 with the stem and its max pool, if any) is one
 * scripted function that casts the fp32 input and the folded fp32 weights to bf16, computes the block, and
 * returns fp32 in channels-last order. The classifier (global average pool and a 64→10 linear, a ten-thousandth of the
 * MACs) stays fp32, so logits are never rounded to bf16.
 */
final class Bf16Stages implements InferenceStages {

    private final FoldedConv stem;
    private final List<BasicBlock.Folded> blocks;
    private final List<ScriptedFunction> functions = new ArrayList<>();
    private final NDArray classifierWeight;
    private final NDArray classifierBias;

    Bf16Stages(FoldedConv stem, boolean stemMaxPool, List<BasicBlock.Folded> blocks, int[] strides, NDArray classifierWeight,
            NDArray classifierBias) {
        this.stem = stem;
        this.blocks = List.copyOf(blocks);
        this.classifierWeight = classifierWeight;
        this.classifierBias = classifierBias;
        for (int i = 0; i < blocks.size(); i++) {
            boolean shortcut = blocks.get(i).shortcut() != null;
            functions.add(ScriptLibrary.function(i == 0
                    ? Bf16Scripts.stemAndBlock((int) stem.stride().get(0), stemMaxPool, shortcut, strides[i])
                    : Bf16Scripts.basicBlock(shortcut, strides[i])));
        }
    }

    @Override
    public int numStages() {
        return blocks.size();
    }

    @Override
    public NDArray runStage(int i, NDArray input) {
        BasicBlock.Folded b = blocks.get(i);
        List<NDArray> args = new ArrayList<>(List.of(input));
        if (i == 0) {
            args.add(stem.weight());
            args.add(stem.bias());
        }
        args.addAll(List.of(b.conv1().weight(), b.conv1().bias(), b.conv2().weight(), b.conv2().bias()));
        if (b.shortcut() != null) {
            args.add(b.shortcut().weight());
            args.add(b.shortcut().bias());
        }
        return functions.get(i).call(args.toArray(NDArray[]::new));
    }

    @Override
    public NDArray classify(NDArray features) {
        return Linear.linear(Pool.globalAvgPool2d(features), classifierWeight, classifierBias).singletonOrThrow();
    }
}
