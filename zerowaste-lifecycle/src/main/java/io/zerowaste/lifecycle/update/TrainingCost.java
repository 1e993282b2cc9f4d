package io.zerowaste.lifecycle.update;

/**
 * Multiply-accumulates of the parts of early-exit training, with the continual module's convention: a trained
 * sample costs three forward passes (forward + backward), an inference-only sample one.
 *
 * @param backboneMacs forward MACs of the plain backbone for one sample
 * @param headMacs forward MACs of every internal head together for one sample
 */
public record TrainingCost(long backboneMacs, long headMacs) {

    /** Heads trained on a frozen backbone: the backbone runs forward only, the heads forward and backward. */
    public long heads(long samples, int epochs) {
        return samples * epochs * (backboneMacs + 3 * headMacs);
    }

    /** ZTW's ensembles train on log-probabilities cached by one inference pass; the ensembles' own MACs are negligible. */
    public long ensembleCache(long samples) {
        return inference(samples);
    }

    /** A pass of backbone and heads in inference (calibration, herding features, evaluation). */
    public long inference(long samples) {
        return samples * (backboneMacs + headMacs);
    }

    /** The backbone trained for {@code epochs} passes over {@code samples} images. */
    public long backbone(long samples, int epochs) {
        return 3 * backboneMacs * samples * epochs;
    }

    /**
     * Retraining from scratch on {@code samples} images with the initial model's recipe: the backbone for
     * {@code backboneEpochs}, the heads for {@code headEpochs}, the ensembles' cache, and calibration on
     * {@code validation} images.
     */
    public long scratch(long samples, int backboneEpochs, int headEpochs, boolean ensemble, long validation) {
        return backbone(samples, backboneEpochs) + heads(samples, headEpochs) + (ensemble ? ensembleCache(samples) : 0) + inference(validation);
    }
}
