package io.zerowaste.continual.plugin;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import io.zerowaste.continual.model.ContinualNet;
import io.zerowaste.continual.scenario.Experience;
import io.zerowaste.continual.strategy.LearningContext;
import io.zerowaste.continual.strategy.TrainingMask;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A piece of a continual strategy that hooks into learning: before and after each experience, and on every
 * training step, where it may add a penalty to the loss (regularizers) or a loss on extra samples (replay).
 * Every method does nothing by default.
 */
public interface ContinualPlugin {

    default void beforeExperience(ExperienceEvent event) {}

    /** An extra term for this step's loss, inside the gradient collector; null for none. */
    default NDArray penalty(StepEvent event) {
        return null;
    }

    default void afterExperience(ExperienceEvent event) {}

    /** Writes the plugin's state (Fisher, memory, …) into the strategy's checkpoint folder. */
    default void save(Path dir) throws IOException {}

    /** Reads what {@link #save} wrote; {@code event} describes the last experience learnt. */
    default void restore(Path dir, ExperienceEvent event) throws IOException {}

    /** An experience begins or ends; {@code net} is the network being trained. */
    record ExperienceEvent(Experience experience, ContinualNet net, LearningContext context) {}

    /**
     * One training step: the batch, the network's logits on it (unmasked), the step's mask and the step
     * number within the experience.
     */
    record StepEvent(ParameterStore ps, NDArray x, int[] labels, NDArray logits, TrainingMask mask, long step,
            ExperienceEvent experience) {}
}
