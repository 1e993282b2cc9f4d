package io.zerowaste.nn.bundle;

import io.zerowaste.core.data.Normalization;
import io.zerowaste.nn.model.ArchitectureSpec;

/**
 * Checks a manifest's numbers and names before anything is built from them: a model is allocated from the
 * architecture entry, so a damaged or hostile manifest must not be able to ask for a huge one, and the
 * parameters entry must name a file inside the bundle.
 */
final class ManifestChecks {

    /** Far above any model here (the ResNet-14 parameters are under 1 MB). */
    static final long MAX_PARAMETER_BYTES = 1L << 30;
    static final int MAX_CHANNELS = 16;
    static final int MAX_SIDE = 1024;
    static final int MAX_CLASSES = 100_000;

    private ManifestChecks() {}

    /** Null when the manifest is sound, else what is wrong with it. */
    static String problem(BundleManifest m) {
        ArchitectureSpec a = m.architecture();
        if (a.channels() < 1 || a.channels() > MAX_CHANNELS) {
            return "has " + a.channels() + " input channels (expected 1.." + MAX_CHANNELS + ")";
        }
        if (a.height() < 1 || a.height() > MAX_SIDE || a.width() < 1 || a.width() > MAX_SIDE) {
            return "has input size " + a.height() + "x" + a.width() + " (expected 1.." + MAX_SIDE + " on each side)";
        }
        if (a.numClasses() < 1 || a.numClasses() > MAX_CLASSES) {
            return "has " + a.numClasses() + " classes (expected 1.." + MAX_CLASSES + ")";
        }
        if (m.classNames() != null && m.classNames().size() != a.numClasses()) {
            return "names " + m.classNames().size() + " classes but the architecture has " + a.numClasses();
        }
        Normalization n = m.normalization();
        if (!Double.isFinite(n.mean()) || !Double.isFinite(n.std()) || n.std() <= 0) {
            return "has a normalization with mean " + n.mean() + " and std " + n.std() + " (std must be positive)";
        }
        if (n.channels() != 1 && n.channels() != a.channels()) {
            return "has a normalization for " + n.channels() + " channels but the architecture takes " + a.channels();
        }
        for (int c = 0; c < n.channels(); c++) {
            if (!Double.isFinite(n.mean(c)) || !Double.isFinite(n.std(c)) || n.std(c) <= 0) {
                return "has a normalization with mean " + n.mean(c) + " and std " + n.std(c) + " for channel " + c
                        + " (std must be positive)";
            }
        }
        if (!isPlainFileName(m.parametersFile())) {
            return "names the parameters file '" + m.parametersFile() + "', which is not a file name inside the bundle";
        }
        return null;
    }

    /** A name without folders, so the parameters are read from inside the bundle and nowhere else. */
    static boolean isPlainFileName(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0 && name.indexOf('\\') < 0
                && name.indexOf('\0') < 0;
    }
}
