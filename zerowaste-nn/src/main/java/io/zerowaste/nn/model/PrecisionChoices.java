package io.zerowaste.nn.model;

import io.zerowaste.nn.bundle.BundleManifest;
import io.zerowaste.nn.bundle.ModelBundle;
import io.zerowaste.nn.engine.Precision;
import java.nio.file.Path;

/** Resolves a requested precision for a model: bf16 needs the CPU's bf16 units and the backbone's bf16 form. */
public final class PrecisionChoices {

    private PrecisionChoices() {}

    public static Precision.Choice forArchitecture(Precision requested, ArchitectureSpec spec) {
        return requested.resolve(spec.build().bf16Unavailable());
    }

    /** For the bundle in {@code dir}, from its manifest's architecture (the parameters are not read). */
    public static Precision.Choice forBundle(Precision requested, Path dir) {
        return forArchitecture(requested, ModelBundle.readManifest(dir).architecture());
    }

    /**
     * The precision the run that made this bundle computed in, as its provenance records it ({@code fp32} when it does
     * not say): an exits bundle's stored threshold was calibrated in it.
     */
    public static String recordedIn(BundleManifest manifest) {
        Object p = manifest.provenance() == null || manifest.provenance().config() == null ? null
                : manifest.provenance().config().get("precision");
        return p == null ? Precision.FP32.label() : p.toString();
    }
}
