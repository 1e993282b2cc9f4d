package io.zerowaste.nn.bundle;

import io.zerowaste.core.data.Normalization;
import io.zerowaste.core.provenance.Provenance;
import io.zerowaste.nn.model.ArchitectureSpec;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a model bundle: everything needed to rebuild, check and describe the model.
 *
 * @param kind "backbone" here; pillars add their own kinds and put their settings in {@code extra}
 * @param macs forward MACs per sample: "total", "classifier" and "stages" (a list)
 */
public record BundleManifest(
        int formatVersion,
        String kind,
        ArchitectureSpec architecture,
        Normalization normalization,
        List<String> classNames,
        Map<String, Object> macs,
        long params,
        String parametersFile,
        String parametersSha256,
        Provenance provenance,
        Map<String, Object> metrics,
        Map<String, Object> extra) {

    public static final int FORMAT_VERSION = 1;
    public static final String FILE_NAME = "manifest.json";
    public static final String PARAMETERS_FILE = "parameters.bin";

    BundleManifest withChecksum(String sha256) {
        return new BundleManifest(formatVersion, kind, architecture, normalization, classNames, macs, params,
                parametersFile, sha256, provenance, metrics, extra);
    }
}
