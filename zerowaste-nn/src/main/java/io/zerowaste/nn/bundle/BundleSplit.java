package io.zerowaste.nn.bundle;

import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.Split;
import io.zerowaste.core.provenance.Provenance;
import java.nio.file.Path;

/**
 * The train/validation split a bundle was trained with. Whatever builds on a trained bundle (heads on a reused
 * backbone, a calibration) must validate on images the bundle never trained on: the same seeded split of the
 * same data, so the bundle's own seed is read from its provenance, never taken from the new run's options.
 */
public final class BundleSplit {

    private BundleSplit() {}

    /** The seed of the bundle's split (0 for a bundle without provenance, as older code used). */
    public static long seed(BundleManifest manifest) {
        return manifest.provenance() == null ? 0 : manifest.provenance().seed();
    }

    /**
     * The bundle's split of {@code data}, refusing data other than the bundle's own: on other data its validation
     * share could hold the bundle's training images.
     */
    public static Split onTrainingData(BundleManifest manifest, Dataset data, Path bundleDir) {
        Provenance p = manifest.provenance();
        if (p == null || p.datasetHash() == null) {
            throw ZeroWasteException.badInput("the bundle " + bundleDir + " does not record the data it was trained on, so its "
                    + "validation split is unknown (retrain it with this version, or omit --backbone to train a new one)");
        }
        if (!p.datasetHash().equals(data.contentHash())) {
            throw ZeroWasteException.badInput("the bundle " + bundleDir + " was trained on " + p.datasetName() + " (content "
                    + p.datasetHash() + "), not on " + data.name() + " (content " + data.contentHash() + "); pass the bundle's "
                    + "own data with --data, or omit --backbone to train a new backbone on this data");
        }
        return Split.of(data.train(), p.seed());
    }
}
