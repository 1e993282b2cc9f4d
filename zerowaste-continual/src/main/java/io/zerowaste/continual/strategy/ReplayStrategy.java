package io.zerowaste.continual.strategy;

import io.zerowaste.continual.plugin.ReplayPlugin;
import java.util.List;

/** Fine-tuning with a herding-chosen, class-balanced memory of M samples replayed in every batch. */
public final class ReplayStrategy extends ModelStrategy {
    public ReplayStrategy(int memory) {
        super("replay", List.of(new ReplayPlugin(memory)));
    }
}
