package io.zerowaste.exits.ztw;

/**
 * The trained ensembles as plain numbers, for the exiting path's per-sample arithmetic:
 * {@code s_i = Σ_{j≤i} scale[i][j] · log_softmax(z_j) + b^(i)} with {@code scale[i][j] = exp(w_j^(i)) / (i+1)},
 * the same function as {@link GeometricEnsembleBlock#combine}. A snapshot of the weights when it was made.
 */
public final class EnsembleWeights {

    private final float[][] scale;
    private final float[][] bias;

    EnsembleWeights(float[][] w, float[][] bias) {
        this.scale = new float[w.length][];
        for (int i = 0; i < w.length; i++) {
            scale[i] = new float[i + 1];
            for (int j = 0; j <= i; j++) {
                scale[i][j] = (float) (Math.exp(w[i][j]) / (i + 1));
            }
        }
        this.bias = bias;
    }

    /**
     * Head {@code i}'s ensemble output for one sample into {@code out[outAt..outAt+C)}, from the sample's
     * log-probabilities of heads 0..i laid out head after head in {@code logProbs}.
     */
    public void combine(int i, float[] logProbs, float[] out, int outAt) {
        float[] b = bias[i];
        int classes = b.length;
        for (int k = 0; k < classes; k++) {
            double s = 0;
            for (int j = 0; j <= i; j++) {
                s += scale[i][j] * logProbs[j * classes + k];
            }
            out[outAt + k] = (float) s + b[k];
        }
    }
}
