package io.zerowaste.exits.predict;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import java.util.Arrays;
import java.util.List;

/**
 * Samples on their way to the next stage: the last stage's features and the samples' ids. A group owns
 * its array unless it wraps the caller's input.
 */
record SampleGroup(NDArray h, int[] ids, boolean owned) {

    static SampleGroup input(NDArray x, int firstId) {
        int[] ids = new int[(int) x.getShape().get(0)];
        for (int k = 0; k < ids.length; k++) {
            ids[k] = firstId + k;
        }
        return new SampleGroup(x, ids, false);
    }

    int size() {
        return ids.length;
    }

    /** Rows {@code from}..{@code to} as a view into this group's array. */
    SampleGroup slice(int from, int to) {
        return new SampleGroup(h.get(from + ":" + to), Arrays.copyOfRange(ids, from, to), true);
    }

    static SampleGroup concat(List<SampleGroup> parts) {
        NDList h = new NDList();
        int n = 0;
        for (SampleGroup g : parts) {
            h.add(g.h);
            n += g.size();
        }
        int[] ids = new int[n];
        int at = 0;
        for (SampleGroup g : parts) {
            System.arraycopy(g.ids, 0, ids, at, g.size());
            at += g.size();
        }
        return new SampleGroup(NDArrays.concat(h), ids, true);
    }

    /** Unregisters the array from the open scope: the group outlives it. */
    void keepBeyond() {
        NDScope.unregister(h);
    }

    void close() {
        if (owned) {
            h.close();
        }
    }
}
