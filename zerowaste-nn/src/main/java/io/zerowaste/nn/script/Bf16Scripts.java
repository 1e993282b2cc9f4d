package io.zerowaste.nn.script;

import java.util.ArrayList;
import java.util.List;

/**
 * TorchScript sources of the bfloat16 inference and training functions. Each takes float32 tensors (the
 * input, then weights and biases), casts them to bfloat16 inside ({@code torch.to(t, 15)}), computes, and
 * casts the result back ({@code torch.to(t, 6)}): DJL never sees a bfloat16 tensor. Strides and paddings
 * are constants of the source, so each distinct layer shape is its own function.
 */
public final class Bf16Scripts {

    /** ScalarType codes of c10: 6 float32, 15 bfloat16. */
    static final int FLOAT32 = 6;
    static final int BFLOAT16 = 15;
    /** c10::MemoryFormat::ChannelsLast. */
    static final int CHANNELS_LAST = 2;

    private Bf16Scripts() {}

    /**
     * A ResNet basic block, its batch norms folded into the convolutions' biases:
     * {@code relu(conv2(relu(conv1(x))) + shortcut(x))}. Arguments: x, w1, b1, w2, b2[, ws, bs].
     */
    public static TorchScriptArchive basicBlock(boolean shortcut, int stride) {
        return block(0, false, shortcut, stride);
    }

    /**
     * The stem, then the first basic block: on the image batch, put in channels-last order,
     * {@code x = relu(stem(x))} (3×3, padding 1, stride {@code stemStride}), then with {@code maxPool} a 3×3
     * stride-2 max pool (padding 1), then the block. Arguments: x, stem w, b, w1, b1, w2, b2[, ws, bs].
     */
    public static TorchScriptArchive stemAndBlock(int stemStride, boolean maxPool, boolean shortcut, int stride) {
        if (stemStride < 1) {
            throw new IllegalArgumentException("stem stride " + stemStride);
        }
        return block(stemStride, maxPool, shortcut, stride);
    }

    /** A basic block, preceded by the stem when {@code stemStride} > 0. */
    private static TorchScriptArchive block(int stemStride, boolean maxPool, boolean shortcut, int stride) {
        boolean stem = stemStride > 0;
        String name = "Bf16Block" + (stem ? "Stem" + stemStride + (maxPool ? "Pool" : "") : "")
                + (shortcut ? "Shortcut" : "") + "S" + stride;
        List<String> args = new ArrayList<>(List.of("x"));
        List<String> body = new ArrayList<>();
        String x = "h";
        body.add(stem ? "h0 = torch.contiguous(torch.to(x, " + BFLOAT16 + "), memory_format=" + CHANNELS_LAST + ")"
                : "h = torch.to(x, " + BFLOAT16 + ")");
        if (stem) {
            args.addAll(List.of("ws0", "bs0"));
            body.add("h = torch.relu(" + conv("h0", "ws0", "bs0", stemStride, 1) + ")");
            if (maxPool) {
                body.add("h = torch.max_pool2d(h, [3, 3], [2, 2], [1, 1], [1, 1], False)");
            }
        }
        args.addAll(List.of("w1", "b1", "w2", "b2"));
        body.add("y1 = torch.relu(" + conv(x, "w1", "b1", stride, 1) + ")");
        body.add("y2 = " + conv("y1", "w2", "b2", 1, 1));
        if (shortcut) {
            args.addAll(List.of("wsc", "bsc"));
            body.add("s = " + conv(x, "wsc", "bsc", stride, 0));
        } else {
            body.add("s = " + x);
        }
        body.add("return torch.to(torch.relu(torch.add(y2, s)), " + FLOAT32 + ")");
        return new TorchScriptArchive(name, moduleSource(name, args, body));
    }

    /**
     * An early-exit head's convolution: {@code conv(relu?(x))} in bfloat16 with the given stride and padding,
     * returned in float32 (the linear layers after it, a thousandth of its MACs, stay float32 so that logits
     * are never rounded to bfloat16). Arguments: x, w, b.
     */
    public static TorchScriptArchive headConv(boolean relu, int stride, int padding) {
        String name = "Bf16HeadConv" + (relu ? "Relu" : "") + "S" + stride + "P" + padding;
        List<String> body = new ArrayList<>();
        body.add("h = torch.to(x, " + BFLOAT16 + ")");
        if (relu) {
            body.add("h = torch.relu(h)");
        }
        body.add("return torch.to(" + conv("h", "w", "b", stride, padding) + ", " + FLOAT32 + ")");
        return new TorchScriptArchive(name, moduleSource(name, List.of("x", "w", "b"), body));
    }

    /**
     * One convolution without bias for mixed-precision training: input and weight cast to bf16, the result
     * cast back to fp32 for the batch norm after it. Autograd runs back through the casts, so the fp32
     * weight gets an fp32 gradient. Arguments: x, w.
     */
    public static TorchScriptArchive trainingConv(int stride, int padding) {
        String name = "Bf16ConvS" + stride + "P" + padding;
        List<String> body = List.of("h = torch.conv2d(torch.to(x, " + BFLOAT16 + "), torch.to(w, " + BFLOAT16 + "), None, ["
                + stride + ", " + stride + "], [" + padding + ", " + padding + "], [1, 1], 1)",
                "return torch.to(h, " + FLOAT32 + ")");
        return new TorchScriptArchive(name, moduleSource(name, List.of("x", "w"), body));
    }

    /**
     * One linear layer for mixed precision, {@code x·wᵀ (+ b)}: input and weight cast to bf16 for the product,
     * the product cast back to fp32, and the bias added in fp32 (its gradient, a sum over the batch, is then
     * exact). Autograd runs back through the casts, so the fp32 weight and bias get fp32 gradients. Works on
     * any leading axes ({@code torch.linear}). Arguments: x, w[, b].
     */
    public static TorchScriptArchive trainingLinear(boolean bias) {
        String name = "Bf16Linear" + (bias ? "Bias" : "");
        String product = "torch.to(torch.linear(torch.to(x, " + BFLOAT16 + "), torch.to(w, " + BFLOAT16 + "), None), " + FLOAT32 + ")";
        List<String> body = List.of("return " + (bias ? "torch.add(" + product + ", b)" : product));
        return new TorchScriptArchive(name, moduleSource(name, bias ? List.of("x", "w", "b") : List.of("x", "w"), body));
    }

    /**
     * A batched matrix product {@code a·b} ({@code torch.matmul}) in bf16, fp32 in and out: the attention
     * products. What comes out of it (scores before the softmax, the attention-weighted values) is fp32.
     * Arguments: a, b.
     */
    public static TorchScriptArchive matmul() {
        String name = "Bf16MatMul";
        List<String> body = List.of("return torch.to(torch.matmul(torch.to(a, " + BFLOAT16 + "), torch.to(b, " + BFLOAT16 + ")), "
                + FLOAT32 + ")");
        return new TorchScriptArchive(name, moduleSource(name, List.of("a", "b"), body));
    }

    /** {@code torch.conv2d} of {@code x} with weight and bias cast to bfloat16, square stride and padding. */
    static String conv(String x, String w, String b, int stride, int padding) {
        return "torch.conv2d(" + x + ", torch.to(" + w + ", " + BFLOAT16 + "), torch.to(" + b + ", " + BFLOAT16 + "), ["
                + stride + ", " + stride + "], [" + padding + ", " + padding + "], [1, 1], 1)";
    }

    /**
     * The source of {@code code/__torch__.py} as torch.jit.save writes it for a module with no parameters,
     * no buffers and one {@code forward} on tensors.
     */
    static String moduleSource(String className, List<String> args, List<String> body) {
        StringBuilder s = new StringBuilder();
        s.append("class ").append(className).append("(Module):\n");
        s.append("  __parameters__ = []\n");
        s.append("  __buffers__ = []\n");
        s.append("  training : bool\n");
        s.append("  _is_full_backward_hook : Optional[bool]\n");
        s.append("  def forward(self: __torch__.").append(className);
        for (String a : args) {
            s.append(",\n    ").append(a).append(": Tensor");
        }
        s.append(") -> Tensor:\n");
        for (String line : body) {
            s.append("    ").append(line).append('\n');
        }
        return s.toString();
    }
}
