package io.zerowaste.nn.script;

import ai.djl.Model;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.nn.engine.Engines;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * A TorchScript function with no parameters of its own, compiled by libtorch from an archive written here
 * and run through the engine ({@code Model.newInstance(name, "PyTorch")} + {@code load}, a
 * {@code PtSymbolBlock}). Weights come in as arguments, so one function serves any weights of its shapes,
 * and inside a gradient collector the gradients reach them. Every tensor crossing into Java is float32:
 * DJL cannot hold a bfloat16 tensor, so the casts live inside the script.
 */
public final class ScriptedFunction implements AutoCloseable {

    private final Model model;
    private final Block block;

    private ScriptedFunction(Model model) {
        this.model = model;
        this.block = model.getBlock();
    }

    /** Compiles {@code archive} (libtorch parses and type-checks its source now). */
    public static ScriptedFunction load(TorchScriptArchive archive) {
        Engines.pytorch();
        Model model = Model.newInstance(archive.className(), "PyTorch");
        try {
            model.load(new ByteArrayInputStream(archive.bytes(archive.className())));
            return new ScriptedFunction(model);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw ZeroWasteException.failure("libtorch refused the TorchScript function " + archive.className()
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * The function on {@code args}; the result belongs to the first argument's manager (and the open scope).
     * {@code training} runs it in training mode, with autograd recording when a gradient collector is open.
     */
    public NDArray call(boolean training, NDArray... args) {
        NDList out = block.forward(new ParameterStore(args[0].getManager(), false), new NDList(args), training);
        return out.singletonOrThrow();
    }

    /**
     * The function in inference mode, unless autograd is recording on this thread (a gradient collector is open,
     * e.g. heads training on a frozen bf16 backbone): libtorch's inference mode would return inference tensors,
     * which the next layer cannot save for its backward pass.
     */
    public NDArray call(NDArray... args) {
        return call(ai.djl.pytorch.jni.JniUtils.isGradMode(), args);
    }

    @Override
    public void close() {
        model.close();
    }
}
