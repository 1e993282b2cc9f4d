package io.zerowaste.nn.app;

import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.core.data.Split;
import io.zerowaste.core.io.AtomicFiles;
import io.zerowaste.core.io.Json;
import io.zerowaste.core.provenance.Provenance;
import io.zerowaste.core.provenance.RunId;
import io.zerowaste.core.result.ResultEnvelope;
import io.zerowaste.core.result.ResultKind;
import io.zerowaste.core.result.Results;
import io.zerowaste.nn.engine.Precision;
import io.zerowaste.nn.engine.Provenances;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bookkeeping every pipeline shares: the run's config as written to results.json, its provenance and clock,
 * the seeded train/validation split with the --train-limit applied, and writing results.json. A pipeline creates
 * one at its start and keeps only its own steps.
 */
public final class RunRecorder {

    /** Training images (limited to --train-limit when set) and the validation images every choice is made on. */
    public record TrainingSplit(ImageSet train, ImageSet validation) {}

    private final Map<String, Object> config;
    private final Provenance provenance;
    private final Path outDir;
    private final long start = System.nanoTime();

    private RunRecorder(Map<String, Object> config, long seed, Dataset data, Path outDir, Precision.Choice precision) {
        this.config = config;
        this.provenance = Provenances.start(withPrecision(config, precision), seed, data);
        this.outDir = outDir;
    }

    /**
     * The provenance's copy of the config, with the precision the run computed in and why. The run's own config
     * (and so its run id) does not change: the same run in fp32 and bf16 answers the same question.
     */
    private static Map<String, Object> withPrecision(Map<String, Object> config, Precision.Choice precision) {
        if (precision == null) {
            return config;
        }
        Map<String, Object> c = new LinkedHashMap<>(config);
        c.put("precision", precision.precision().label());
        c.put("precision_reason", precision.reason());
        return c;
    }

    /** Starts a run writing into {@code outDir}, refusing an unusable folder before any time is spent computing. */
    public static RunRecorder start(Object config, long seed, Dataset data, Path outDir) {
        return start(config, seed, data, outDir, null);
    }

    /** {@link #start(Object, long, Dataset, Path)}, the provenance recording the run's precision (none when null). */
    public static RunRecorder start(Object config, long seed, Dataset data, Path outDir, Precision.Choice precision) {
        AtomicFiles.checkWritableFolder(outDir);
        return new RunRecorder(asMap(config), seed, data, outDir, precision);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object config) {
        return config instanceof Map<?, ?> m ? (Map<String, Object>) m : Json.MAPPER.convertValue(config, LinkedHashMap.class);
    }

    /** The seeded split of the training set, then at most {@code trainLimit} training images (0 = all). */
    public static TrainingSplit split(Split split, int trainLimit) {
        return new TrainingSplit(trainLimit > 0 ? split.train().head(trainLimit) : split.train(), split.validation());
    }

    public static TrainingSplit split(Dataset data, long seed, int trainLimit) {
        return split(Split.of(data.train(), seed), trainLimit);
    }

    /** The config as results.json records it (and checkpoints compare it on --resume). */
    public Map<String, Object> config() {
        return config;
    }

    /** The provenance with the wall time so far. */
    public Provenance provenance() {
        return provenance.withWallSeconds((System.nanoTime() - start) / 1e9);
    }

    /** Writes {@code outDir/results.json} (atomically) and returns what it wrote. */
    public <M> ResultEnvelope<M> writeResults(ResultKind kind, M metrics) {
        ResultEnvelope<M> r = new ResultEnvelope<>(kind, RunId.of(config), provenance(), config, metrics);
        Results.write(outDir, r);
        return r;
    }
}
