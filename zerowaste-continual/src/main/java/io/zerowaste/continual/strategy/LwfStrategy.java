package io.zerowaste.continual.strategy;

import io.zerowaste.continual.plugin.LwfPlugin;
import java.util.List;

/** Fine-tuning with knowledge distillation from the model before each experience (LwF). */
public final class LwfStrategy extends ModelStrategy {
    public LwfStrategy(double lambda, double temperature) {
        super("lwf", List.of(new LwfPlugin(lambda, temperature)));
    }
}
