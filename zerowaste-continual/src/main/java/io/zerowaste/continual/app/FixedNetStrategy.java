package io.zerowaste.continual.app;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.zerowaste.continual.model.ContinualNet;
import io.zerowaste.continual.scenario.Experience;
import io.zerowaste.continual.strategy.LearningContext;
import io.zerowaste.continual.strategy.Strategy;
import java.nio.file.Path;

/** A network that is only scored, never trained: the freshly initialised baseline of forward transfer. */
final class FixedNetStrategy implements Strategy {

    private final ContinualNet net;

    FixedNetStrategy(ContinualNet net) {
        this.net = net;
    }

    @Override
    public String name() {
        return "fresh";
    }

    @Override
    public void learn(Experience exp, LearningContext ctx) {
        throw new UnsupportedOperationException("a fixed network does not learn");
    }

    @Override
    public NDArray scores(ParameterStore ps, NDArray x) {
        return net.forward(ps, new NDList(x), false).singletonOrThrow();
    }

    @Override
    public void save(Path dir) {}

    @Override
    public void restore(Path dir, int experiencesDone, LearningContext ctx) {}

    @Override
    public void close() {
        net.getParameters().values().forEach(Parameter::close);
    }
}
