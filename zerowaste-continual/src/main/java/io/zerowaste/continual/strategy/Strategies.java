package io.zerowaste.continual.strategy;

import io.zerowaste.continual.seedexperts.SeedStrategy;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.config.ContinualConfig;

/** Builds a strategy by name with the run's settings. */
public final class Strategies {

    private Strategies() {}

    public static Strategy create(String name, ContinualConfig c) {
        return switch (name) {
            case "finetune" -> new FinetuneStrategy();
            case "scratch" -> new ScratchStrategy();
            case "cumulative" -> new CumulativeStrategy();
            case "ewc" -> new EwcStrategy(c.ewcLambda(), c.ewcGamma());
            case "lwf" -> new LwfStrategy(c.lwfLambda(), c.lwfTemperature());
            case "replay" -> new ReplayStrategy(c.memory());
            case "seed" -> new SeedStrategy();
            default -> throw ZeroWasteException.badInput("unknown strategy '" + name + "' (use any of "
                    + String.join(", ", ContinualConfig.STRATEGIES) + ")");
        };
    }
}
