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
 * @param lineage version, parent and update history (null in bundles written before updates existed, or by a
 *     plain training run: such a bundle is version 1)
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
        Map<String, Object> extra,
        Lineage lineage) {

    public static final int FORMAT_VERSION = 1;
    public static final String FILE_NAME = "manifest.json";
    public static final String PARAMETERS_FILE = "parameters.bin";

    /** A manifest without lineage (every writer but {@code zerowaste update}). */
    public BundleManifest(int formatVersion, String kind, ArchitectureSpec architecture, Normalization normalization,
            List<String> classNames, Map<String, Object> macs, long params, String parametersFile, String parametersSha256,
            Provenance provenance, Map<String, Object> metrics, Map<String, Object> extra) {
        this(formatVersion, kind, architecture, normalization, classNames, macs, params, parametersFile, parametersSha256,
                provenance, metrics, extra, null);
    }

    BundleManifest withChecksum(String sha256) {
        return new BundleManifest(formatVersion, kind, architecture, normalization, classNames, macs, params,
                parametersFile, sha256, provenance, metrics, extra, lineage);
    }

    public BundleManifest withLineage(Lineage l) {
        return new BundleManifest(formatVersion, kind, architecture, normalization, classNames, macs, params,
                parametersFile, parametersSha256, provenance, metrics, extra, l);
    }

    /** This version's number: the lineage's, or 1 for a bundle without one. */
    public int version() {
        return lineage == null ? 1 : lineage.version();
    }
}
