package io.zerowaste.nn.train;

/**
 * What the training loop tells the outside world. Progress bars, checkpoints and (later) continual-learning
 * regularizers are hooks, not branches in the loop. Every method does nothing by default.
 */
public interface TrainingHook {

    default void onTrainStart(TrainStartEvent event) {}

    default void onStepEnd(StepEvent event) {}

    default void onEpochEnd(EpochEvent event) {}

    default void onTrainEnd(TrainEndEvent event) {}

    /** Training begins (or resumes) at {@code startEpoch}. */
    record TrainStartEvent(int startEpoch, int epochs, int stepsPerEpoch, int samplesPerEpoch) {}

    /** One optimizer step finished. */
    record StepEvent(int epoch, long globalStep, int stepInEpoch, int batchSize, float loss, double learningRate) {}

    /** One epoch finished; {@code state} can write a checkpoint. */
    record EpochEvent(int epoch, int epochs, double trainLoss, double valAccuracy, double epochSeconds,
            TrainingHistory history, TrainingState state) {}

    /** Training finished. */
    record TrainEndEvent(TrainingHistory history) {}
}
