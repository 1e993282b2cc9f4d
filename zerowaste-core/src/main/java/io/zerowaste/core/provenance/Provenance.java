package io.zerowaste.core.provenance;

import java.util.Map;

/**
 * Where a number came from: the config and seed, the data (name and content hash), the code (project
 * version and git commit when known), the engine (DJL and PyTorch versions), the machine, and when and
 * how long it ran.
 */
public record Provenance(
        Map<String, Object> config,
        long seed,
        String datasetName,
        String datasetHash,
        String projectVersion,
        String gitCommit,
        String djlVersion,
        String pytorchVersion,
        String os,
        String arch,
        String javaVersion,
        String startTime,
        double wallSeconds) {

    /** The same provenance with the wall time filled in. */
    public Provenance withWallSeconds(double seconds) {
        return new Provenance(config, seed, datasetName, datasetHash, projectVersion, gitCommit, djlVersion,
                pytorchVersion, os, arch, javaVersion, startTime, seconds);
    }
}
