package io.zerowaste.core.data;

import java.util.List;

/**
 * A train/test pair of image sets, with the folder's name, a content hash for provenance and the class
 * names.
 */
public record Dataset(String name, String contentHash, ImageSet train, ImageSet test, List<String> classNames) {

    public int numClasses() {
        return classNames.size();
    }

    /** A smaller copy (first n train and m test images), for quick runs and tests. */
    public Dataset limit(int trainLimit, int testLimit) {
        return new Dataset(name, contentHash, train.head(trainLimit), test.head(testLimit), classNames);
    }
}
