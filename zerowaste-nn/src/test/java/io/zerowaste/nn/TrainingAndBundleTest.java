package io.zerowaste.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import io.zerowaste.core.config.TrainConfig;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.io.Json;
import io.zerowaste.core.result.BackboneMetrics;
import io.zerowaste.core.result.ResultEnvelope;
import io.zerowaste.core.result.ResultKind;
import io.zerowaste.core.result.Results;
import io.zerowaste.nn.app.BackboneTraining;
import io.zerowaste.nn.app.BundleEvaluation;
import io.zerowaste.nn.bundle.BundleManifest;
import io.zerowaste.nn.bundle.ModelBundle;
import io.zerowaste.nn.eval.Evaluator;
import io.zerowaste.nn.train.Checkpoints;
import io.zerowaste.nn.train.TrainingHook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trains tiny runs on the fixture: bundle round trip, bad bundles, and an exact resume. */
class TrainingAndBundleTest {

    static final TrainConfig TINY = new TrainConfig("resnet14", 2, 64, "sgd", 0.05, 0.9, 5e-4, "onecycle", 2, null, 7, 256);

    @TempDir
    static Path tmp;

    static Dataset data;
    static BackboneTraining.Outcome trained;

    @BeforeAll
    static void train() {
        data = Fixture.load();
        trained = BackboneTraining.run(data, TINY, tmp.resolve("run"), false, List.of());
    }

    @Test
    void runWritesBundleAndResultsWithTheIssueMetrics() {
        Path run = tmp.resolve("run");
        ResultEnvelope<BackboneMetrics> r = Results.read(run.resolve("results.json"), ResultKind.BACKBONE, BackboneMetrics.class);
        assertThat(r.kind()).isEqualTo(ResultKind.BACKBONE);
        assertThat(Json.read(run.resolve("results.json"), java.util.Map.class).get("metrics")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsKeys("train_seconds", "samples_per_second", "val_accuracy", "test_accuracy", "macs", "params");
        assertThat(r.metrics().valAccuracy()).hasSize(2);
        assertThat(r.metrics().macs()).isEqualTo(20_183_936L);
        assertThat(r.provenance().datasetHash()).isEqualTo(data.contentHash());
        assertThat(r.provenance().djlVersion()).isEqualTo("0.36.0");
        assertThat(r.runId()).hasSize(10);
        assertThat(trained.history().trainLoss().get(1)).isLessThan(trained.history().trainLoss().get(0));
    }

    @Test
    void bundleRoundTripGivesTheSamePredictions() {
        try (NDManager m = NDManager.newBaseManager()) {
            ModelBundle.Loaded loaded = ModelBundle.read(trained.bundleDir(), m);
            BatchAssembler test = new BatchAssembler(data.test(), loaded.manifest().normalization());
            assertThat(Evaluator.accuracy(loaded.backbone(), m, test)).isCloseTo(trained.testAccuracy(), within(1e-9));
        }
        BundleEvaluation.Outcome e = BundleEvaluation.run(trained.bundleDir(), data, tmp.resolve("eval"));
        assertThat(e.accuracy()).isCloseTo(trained.testAccuracy(), within(1e-9));
        assertThat(Files.exists(tmp.resolve("eval/results.json"))).isTrue();
    }

    Path copyBundle(String name) throws IOException {
        Path dst = tmp.resolve(name);
        Files.createDirectories(dst);
        for (String f : new String[] {BundleManifest.FILE_NAME, BundleManifest.PARAMETERS_FILE}) {
            Files.copy(trained.bundleDir().resolve(f), dst.resolve(f));
        }
        return dst;
    }

    @Test
    void truncatedParametersAreRefusedByChecksum() throws IOException {
        Path b = copyBundle("truncated");
        Path p = b.resolve(BundleManifest.PARAMETERS_FILE);
        byte[] bytes = Files.readAllBytes(p);
        Files.write(p, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> ModelBundle.read(b, m))
                    .hasMessageContaining("corrupt bundle").hasMessageContaining("checksum");
        }
    }

    @Test
    void unknownFormatVersionAndMissingFilesAreNamed() throws IOException {
        Path b = copyBundle("future");
        Path man = b.resolve(BundleManifest.FILE_NAME);
        Files.writeString(man, Files.readString(man).replace("\"format_version\" : 1", "\"format_version\" : 99"));
        assertThatThrownBy(() -> ModelBundle.readManifest(b)).hasMessageContaining("unsupported bundle format version 99");
        Path c = copyBundle("noparams");
        Files.delete(c.resolve(BundleManifest.PARAMETERS_FILE));
        assertThatThrownBy(() -> ModelBundle.readParameters(c, ModelBundle.readManifest(c)))
                .hasMessageContaining("parameters.bin is missing");
        assertThatThrownBy(() -> ModelBundle.readManifest(tmp.resolve("nothing-here")))
                .hasMessageContaining("model bundle not found");
    }

    @Test
    void parametersOfAnotherShapeAreRefused() throws IOException {
        Path b = copyBundle("shape");
        Path man = b.resolve(BundleManifest.FILE_NAME);
        // a 12-class architecture cannot take a 10-class classifier
        Files.writeString(man, Files.readString(man).replace("\"num_classes\" : 10", "\"num_classes\" : 12")
                .replace("\"Ankle boot\"", "\"Ankle boot\", \"Extra 1\", \"Extra 2\""));
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> ModelBundle.read(b, m))
                    .hasMessageContaining("corrupt bundle").hasMessageContaining("shape");
        }
    }

    @Test
    void resumeAfterACrashEndsWhereAnUninterruptedRunEnds() throws IOException {
        Path run = tmp.resolve("crash");
        TrainingHook crash = new TrainingHook() {
            @Override
            public void onEpochEnd(EpochEvent e) {
                throw new IllegalStateException("killed after epoch " + e.epoch());
            }
        };
        assertThatThrownBy(() -> BackboneTraining.run(data, TINY, run, false, List.of(crash)))
                .hasMessageContaining("killed after epoch 0");
        assertThat(Checkpoints.exists(run)).isTrue();
        assertThat(Files.exists(run.resolve("model"))).isFalse();
        // as if killed between the checkpoint swap's two renames: the last checkpoint is left only moved aside
        Files.move(run.resolve(Checkpoints.DIR), run.resolve("." + Checkpoints.DIR + ".old"));

        BackboneTraining.Outcome resumed = BackboneTraining.run(data, TINY, run, true, List.of());
        assertThat(resumed.history().epochsDone()).isEqualTo(2);
        assertThat(resumed.history().valAccuracy().get(0)).isEqualTo(trained.history().valAccuracy().get(0));
        assertThat(resumed.testAccuracy()).isCloseTo(trained.testAccuracy(), within(0.011));
        assertThat(resumed.history().trainLoss().get(1)).isCloseTo(trained.history().trainLoss().get(1), within(1e-3));

        TrainConfig other = TINY.withEpochs(3);
        assertThatThrownBy(() -> BackboneTraining.run(data, other, run, true, List.of()))
                .hasMessageContaining("made with other options");
        assertThatThrownBy(() -> BackboneTraining.run(data, TINY, tmp.resolve("never"), true, List.of()))
                .hasMessageContaining("nothing to resume");
    }

    @Test
    void evaluationRefusesImagesOfAnotherSize() throws IOException {
        Dataset small = new Dataset("x", "h",
                new io.zerowaste.core.data.ImageSet(new byte[4], new int[] {0}, 2, 2),
                new io.zerowaste.core.data.ImageSet(new byte[4], new int[] {0}, 2, 2), List.of("a"));
        assertThatThrownBy(() -> BundleEvaluation.run(trained.bundleDir(), small, tmp.resolve("e2")))
                .hasMessageContaining("images are 1x2x2").hasMessageContaining("takes 1x28x28");
    }
}
