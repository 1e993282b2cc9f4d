package io.zerowaste.core.data;

import io.zerowaste.core.Seeds;
import java.util.Arrays;
import java.util.Random;

/**
 * The seeded train/validation split of a training set: validation is a random 1/12 of it, used for every
 * threshold and hyper-parameter choice; the test set is used only for reporting.
 */
public record Split(ImageSet train, ImageSet validation) {

    public static final int VALIDATION_DENOMINATOR = 12;

    public static Split of(ImageSet full, long rootSeed) {
        int n = full.size();
        int nVal = n / VALIDATION_DENOMINATOR;
        int[] perm = permutation(n, new Random(Seeds.split(rootSeed, "validation-split")));
        int[] val = Arrays.copyOfRange(perm, 0, nVal);
        int[] train = Arrays.copyOfRange(perm, nVal, n);
        Arrays.sort(val);
        Arrays.sort(train);
        return new Split(full.subset(train), full.subset(val));
    }

    /** A Fisher-Yates permutation of 0..n-1. */
    public static int[] permutation(int n, Random rnd) {
        int[] p = new int[n];
        Arrays.setAll(p, i -> i);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
