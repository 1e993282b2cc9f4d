package io.zerowaste.continual.strategy;

import io.zerowaste.continual.plugin.EwcPlugin;
import java.util.List;

/** Fine-tuning with the EWC penalty (online with decay γ, diagonal empirical Fisher). */
public final class EwcStrategy extends ModelStrategy {
    public EwcStrategy(double lambda, double gamma) {
        super("ewc", List.of(new EwcPlugin(lambda, gamma)));
    }
}
