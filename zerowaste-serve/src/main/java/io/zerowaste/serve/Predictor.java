package io.zerowaste.serve;

import io.zerowaste.exits.predict.ExitPrediction;
import java.util.List;

/** Predicts a batch of images (raw pixel values 0..255, one row each). Called from one thread at a time. */
public interface Predictor {

    ExitPrediction[] predict(float[][] images);

    /** The class names, indexed by label. */
    List<String> classNames();

    /** Number of exit heads including the final classifier (exit_head ranges over 0..heads−1). */
    int heads();

    /** Forward MACs of the plain backbone for one image. */
    long backboneMacs();

    /** An id for the served model. */
    String modelId();
}
