package io.zerowaste.exits.eval;

/**
 * What every exit said about every sample, from one pass of the network: {@code probs[k][e]} are the
 * class probabilities exit e reports for sample k (for ZTW, the ensemble's), and the labels.
 */
public record ExitOutputs(float[][][] probs, int[] labels) {

    public int samples() {
        return labels.length;
    }

    public int exits() {
        return probs.length == 0 ? 0 : probs[0].length;
    }

    /** Each exit's own prediction for each sample: {@code [k][e]}. */
    public int[][] predictions() {
        int[][] p = new int[samples()][exits()];
        for (int k = 0; k < samples(); k++) {
            for (int e = 0; e < exits(); e++) {
                p[k][e] = io.zerowaste.exits.policy.ExitPolicy.argmax(probs[k][e]);
            }
        }
        return p;
    }
}
