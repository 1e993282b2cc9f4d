package io.zerowaste.continual.strategy;

import java.util.List;

/** Trains on each new experience from the previous weights, nothing else: the lower bound. */
public final class FinetuneStrategy extends ModelStrategy {
    public FinetuneStrategy() {
        super("finetune", List.of());
    }
}
