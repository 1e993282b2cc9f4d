package io.zerowaste.nn.model;

import ai.djl.ndarray.types.Shape;
import io.zerowaste.core.ZeroWasteException;

/** Which backbone, for which input and number of classes: enough to rebuild it from a bundle. */
public record ArchitectureSpec(String name, int channels, int height, int width, int numClasses) {

    public static final String RESNET14 = "resnet14";

    /** The input shape of a batch of one. */
    public Shape inputShape() {
        return new Shape(1, channels, height, width);
    }

    public StagedBackbone build() {
        if (RESNET14.equals(name)) {
            return new ResNet14Block(this);
        }
        throw ZeroWasteException.badInput("unknown architecture '" + name + "' (known: " + RESNET14 + ")");
    }
}
