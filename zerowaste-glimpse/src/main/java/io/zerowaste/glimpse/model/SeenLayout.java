package io.zerowaste.glimpse.model;

/**
 * Where each sample's seen patches sit in the encoder's token slots. Sample i's seen patches, in patch order,
 * fill slots 1..L_i (slot 0 is CLS); the batch is padded to L = max L_i (at least 1, so a batch that saw nothing
 * still has a well-formed tensor) and padded slots are masked out of attention.
 *
 * @param seenIndex per sample, the seen patch indices in order
 * @param slots L, the padded number of patch slots
 */
record SeenLayout(int[][] seenIndex, int patches, int slots) {

    static SeenLayout of(boolean[][] seen, int patches) {
        int[][] idx = new int[seen.length][];
        int max = 1;
        for (int i = 0; i < seen.length; i++) {
            int k = 0;
            for (boolean b : seen[i]) {
                k += b ? 1 : 0;
            }
            idx[i] = new int[k];
            int j = 0;
            for (int p = 0; p < patches; p++) {
                if (seen[i][p]) {
                    idx[i][j++] = p;
                }
            }
            max = Math.max(max, k);
        }
        return new SeenLayout(idx, patches, max);
    }

    int batch() {
        return seenIndex.length;
    }

    /** N × L patch indices to gather (padding repeats patch 0 and is masked). */
    long[] encoderIndex() {
        long[] out = new long[batch() * slots];
        for (int i = 0; i < batch(); i++) {
            for (int j = 0; j < seenIndex[i].length; j++) {
                out[i * slots + j] = seenIndex[i][j];
            }
        }
        return out;
    }

    /** N × (1+L) key bias: 0 for CLS and real slots, {@code pad} for padding. */
    float[] keyBias(float pad) {
        float[] out = new float[batch() * (slots + 1)];
        for (int i = 0; i < batch(); i++) {
            for (int j = seenIndex[i].length; j < slots; j++) {
                out[i * (slots + 1) + 1 + j] = pad;
            }
        }
        return out;
    }

    /** N × (1+P) encoder slot of CLS and of every patch; unseen patches point at slot 1+L, the mask token. */
    long[] decoderIndex() {
        long[] out = new long[batch() * (patches + 1)];
        for (int i = 0; i < batch(); i++) {
            int base = i * (patches + 1);
            for (int p = 0; p < patches; p++) {
                out[base + 1 + p] = slots + 1L;
            }
            for (int j = 0; j < seenIndex[i].length; j++) {
                out[base + 1 + seenIndex[i][j]] = 1L + j;
            }
        }
        return out;
    }
}
