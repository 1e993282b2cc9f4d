package io.zerowaste.continual.strategy;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import io.zerowaste.continual.scenario.Experience;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A way to learn a sequence of experiences. The runner calls {@link #learn} once per experience, in order,
 * then scores the test sets with {@link #scores}; after each experience it asks the strategy to
 * {@link #save} its state so an interrupted run can {@link #restore} and continue.
 */
public interface Strategy extends AutoCloseable {

    String name();

    /** Learns experience {@code exp} (experiences arrive in order 0, 1, …). */
    void learn(Experience exp, LearningContext ctx);

    /**
     * Inference-mode class scores for a batch of normalised images, N × numClasses; larger is more likely.
     * The caller masks the classes a prediction may not choose.
     */
    NDArray scores(ParameterStore ps, NDArray x);

    /** Writes everything needed to continue after the experiences learnt so far into {@code dir}. */
    void save(Path dir) throws IOException;

    /** Restores what {@link #save} wrote, after {@code experiencesDone} experiences. */
    void restore(Path dir, int experiencesDone, LearningContext ctx) throws IOException;

    @Override
    void close();
}
