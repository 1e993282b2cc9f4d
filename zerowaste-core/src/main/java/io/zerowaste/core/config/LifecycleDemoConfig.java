package io.zerowaste.core.config;

import io.zerowaste.core.ZeroWasteException;
import java.util.List;

/**
 * {@code zerowaste lifecycle demo}: an initial ZTW model trained on experience 0, served, then updated with each
 * later experience and hot-swapped under load.
 *
 * @param backboneEpochs, headEpochs, ensembleEpochs the initial model's recipe (also the from-scratch recipe
 *     every update is compared with)
 * @param update how each update trains
 * @param concurrency requests in flight at most
 * @param loadRate requests a second sent on a fixed schedule (open loop); 0 sends each next request as soon as an
 *     answer arrives (closed loop: as fast as the server goes, which leaves the training little CPU)
 * @param trainLimit, testLimit 0 = all (--quick uses a few thousand)
 * @param scratch also retrain a model from scratch on everything seen after every update, to compare accuracy
 */
public record LifecycleDemoConfig(String scenario, int experiences, int backboneEpochs, int headEpochs, int ensembleEpochs,
        UpdateConfig update, int concurrency, double loadRate, int trainLimit, int testLimit, boolean scratch, long seed) {

    public static final List<String> SCENARIOS = List.of("class-il", "domain-il");

    public LifecycleDemoConfig {
        if (!SCENARIOS.contains(scenario)) {
            throw ZeroWasteException.badInput("unknown --scenario '" + scenario + "' (use class-il or domain-il)");
        }
        if (experiences < 2) {
            throw ZeroWasteException.badInput("--experiences must be at least 2 (got " + experiences + ")");
        }
        if (backboneEpochs < 1 || headEpochs < 1 || ensembleEpochs < 1) {
            throw ZeroWasteException.badInput("--backbone-epochs, --head-epochs and --ensemble-epochs must be at least 1");
        }
        if (concurrency < 1 || !(loadRate >= 0) || trainLimit < 0 || testLimit < 0) {
            throw ZeroWasteException.badInput("--concurrency must be at least 1; --load-rate, --train-limit and --test-limit not negative");
        }
    }

    /** About 15 minutes on two cores: 3 backbone epochs, 2 head epochs, updates of 2 epochs with replay. */
    public static LifecycleDemoConfig defaults() {
        return new LifecycleDemoConfig("class-il", 5, 3, 2, 10, UpdateConfig.defaults(), 32, 100, 0, 0, false, 0);
    }

    /** A minute or two: 3,000 training and 1,000 test images, one epoch everywhere. */
    public LifecycleDemoConfig quick() {
        return new LifecycleDemoConfig(scenario, experiences, 1, 1, 2, update.withEpochs(1, 1, 2).withMemory(Math.min(update.memory(), 200)),
                concurrency, loadRate, 3000, 1000, scratch, seed);
    }
}
