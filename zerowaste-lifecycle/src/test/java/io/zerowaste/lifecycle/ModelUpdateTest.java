package io.zerowaste.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import io.zerowaste.continual.plugin.ReplayPlugin;
import io.zerowaste.core.config.ExitsConfig;
import io.zerowaste.core.config.UpdateConfig;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.DatasetLocator;
import io.zerowaste.core.data.IdxWriter;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.core.io.AtomicFiles;
import io.zerowaste.core.io.Json;
import io.zerowaste.core.result.ExitsBundleInfo;
import io.zerowaste.exits.app.ExitsBundle;
import io.zerowaste.exits.app.ExitsTraining;
import io.zerowaste.exits.model.EarlyExitModel;
import io.zerowaste.lifecycle.update.Adoption;
import io.zerowaste.lifecycle.update.ModelUpdate;
import io.zerowaste.lifecycle.update.ParameterGrowth;
import io.zerowaste.lifecycle.update.ReplayMemory;
import io.zerowaste.lifecycle.update.Versions;
import io.zerowaste.nn.bundle.BundleManifest;
import io.zerowaste.nn.bundle.Lineage;
import io.zerowaste.nn.bundle.ModelBundle;
import io.zerowaste.nn.engine.CpuFeatures;
import io.zerowaste.nn.engine.Precision;
import io.zerowaste.nn.eval.Batches;
import io.zerowaste.nn.model.ArchitectureSpec;
import io.zerowaste.nn.model.PrecisionChoices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Updates on the 1,000-image fixture: a ZTW model of classes 0..5 becomes version 1, then learns classes 6 and 7.
 */
class ModelUpdateTest {

    static final Path FIXTURE = Path.of(System.getProperty("zerowaste.fixture", "../zerowaste-core/src/test/resources/fashion-mnist-mini"));

    @TempDir
    static Path tmp;

    static Dataset data;
    static Path v1;
    static Path v2;
    static Path newData;
    static ModelUpdate.Outcome outcome;
    static UpdateConfig update;

    @BeforeAll
    static void makeVersionsOneAndTwo() {
        data = DatasetLocator.load(FIXTURE);
        ImageSet old = withLabels(data.train(), 0, 6);
        Dataset d0 = new Dataset("fixture-0-5", "test", old, withLabels(data.test(), 0, 6), data.classNames().subList(0, 6));
        ExitsConfig cfg = ExitsConfig.defaults().withMethods(List.of("ztw")).withBackboneEpochs(1).withHeadEpochs(1).withEnsembleEpochs(2)
                .withEnsembleBatch(128).withBatchSize(64);
        ExitsTraining.run(d0, cfg, tmp.resolve("initial"), List.of(), s -> { });
        v1 = tmp.resolve("models/v1");
        Adoption.adopt(tmp.resolve("initial/ztw"), old, 60, 1234, Lineage.MAX_DROP, 0.01, v1);
        newData = tmp.resolve("new-data");
        ImageSet fresh = withLabels(data.train(), 6, 8);
        IdxWriter.write(newData, "train", fresh);
        update = UpdateConfig.defaults().withEpochs(1, 1, 2).withMemory(60);
        v2 = tmp.resolve("models/v2");
        outcome = ModelUpdate.run(update, v1, newData, List.of(), v2, List.of(), s -> { });
    }

    static ImageSet withLabels(ImageSet s, int from, int to) {
        return s.subset(IntStream.range(0, s.size()).filter(i -> s.labels()[i] >= from && s.labels()[i] < to).toArray());
    }

    @Test
    void aBundleWithoutLineageLoadsAsVersionOne() {
        BundleManifest m = ModelBundle.readManifest(tmp.resolve("initial/ztw"));
        assertThat(m.lineage()).isNull();
        assertThat(m.version()).isEqualTo(1);
    }

    @Test
    void theFirstVersionCarriesItsLineageAndAHerdedMemory() {
        BundleManifest m = ModelBundle.readManifest(v1);
        assertThat(m.lineage().version()).isEqualTo(1);
        assertThat(m.lineage().parent()).isNull();
        assertThat(m.lineage().memorySamples()).isEqualTo(60);
        assertThat(m.lineage().trainingMacs()).isGreaterThan(1234); // the herding pass is counted too
        // same model as the trained bundle: the parameters are byte for byte the same
        assertThat(m.parametersSha256()).isEqualTo(ModelBundle.readManifest(tmp.resolve("initial/ztw")).parametersSha256());
    }

    @Test
    void classGrowthAddsTheNewClassesToTheManifestAndEveryOutput() {
        BundleManifest m = ModelBundle.readManifest(v2);
        assertThat(m.classNames()).hasSize(8).startsWith(data.classNames().subList(0, 6).toArray(String[]::new));
        assertThat(m.classNames().subList(6, 8)).containsExactly("class-6", "class-7"); // no classes.txt: the rule's default
        assertThat(m.architecture().numClasses()).isEqualTo(8);
        try (NDManager manager = NDManager.newBaseManager()) {
            ExitsBundle.Loaded b = ExitsBundle.read(v2, manager);
            NDList out = b.model().forward(new ParameterStore(manager, false),
                    new NDList(Batches.inOrder(manager, new BatchAssembler(data.test().head(4), m.normalization()), 0, 4)), false);
            assertThat(out).hasSize(b.model().numExits());
            out.forEach(o -> assertThat(o.getShape().get(1)).isEqualTo(8));
        }
    }

    @Test
    void theLineageNamesTheParentAndAddsUpTheMacs() {
        BundleManifest parent = ModelBundle.readManifest(v1);
        Lineage l = ModelBundle.readManifest(v2).lineage();
        assertThat(l.version()).isEqualTo(2);
        assertThat(l.parent()).isEqualTo(Versions.id(parent)).startsWith("ztw@");
        assertThat(l.newClasses()).containsExactly("class-6", "class-7");
        assertThat(l.classesKnown()).isEqualTo(8);
        assertThat(l.strategy()).isEqualTo("replay");
        assertThat(l.trainingMacs()).isPositive();
        assertThat(l.lineageTrainingMacs()).isEqualTo(parent.lineage().lineageTrainingMacs() + l.trainingMacs());
        assertThat(l.rule()).isEqualTo(Lineage.MAX_DROP); // the parent's rule, kept
        assertThat(l.ruleValue()).isEqualTo(0.01);
        assertThat(l.threshold()).isEqualTo(ExitsBundleInfo.of(ModelBundle.readManifest(v2).extra(), v2).param());
        // replay trains on the new images and as many memory images per step: at least 2 × 3 forward passes a sample
        long macs = ModelBundle.readManifest(v2).architecture().build().macs().total();
        int all = withLabels(data.train(), 6, 8).size();
        int newTrain = all - all / 12;
        assertThat(l.trainingMacs()).isGreaterThanOrEqualTo(6L * macs * newTrain);
        // the heads see every earlier class as often as each new one: 6 old classes of the memory beside the 2 new ones
        assertThat(outcome.trainImages()).isBetween(newTrain + 6 * (newTrain / 2) - 6, newTrain + 6 * (newTrain / 2) + 6);
    }

    @Test
    void theMemoryRoundTripsThroughTheBundleClassBalancedAndBounded() {
        Lineage l = ModelBundle.readManifest(v2).lineage();
        ReplayPlugin p = new ReplayPlugin(60);
        assertThat(ReplayMemory.restore(p, v2, l, 1, 28, 28)).isTrue();
        assertThat(p.memory().size()).isEqualTo(60).isEqualTo(l.memorySamples());
        Map<String, ImageSet> groups = p.memory().groups();
        assertThat(groups.keySet()).containsExactlyInAnyOrder(IntStream.range(0, 8).mapToObj(c -> "class-" + c).toArray(String[]::new));
        groups.values().forEach(g -> assertThat(g.size()).isBetween(7, 8)); // 60 over 8 classes
        groups.forEach((k, g) -> assertThat(g.labels()).containsOnly(Integer.parseInt(k.substring(6))));
    }

    @Test
    void warmStartKeepsTheOldClassesLogitsOfTheBackboneAndTheFirstHead() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ExitsBundle.Loaded old = ExitsBundle.read(v1, manager);
            ArchitectureSpec a = old.manifest().architecture();
            EarlyExitModel grown = new EarlyExitModel(new ArchitectureSpec(a.name(), a.channels(), a.height(), a.width(), 9).build(), true, true);
            grown.initialize(manager, DataType.FLOAT32, a.inputShape());
            int[] copied = ParameterGrowth.copy(old.model(), grown);
            assertThat(copied[1]).isPositive();
            NDArray x = Batches.inOrder(manager, new BatchAssembler(data.test().head(8), old.manifest().normalization()), 0, 8);
            ParameterStore ps = new ParameterStore(manager, false);
            NDList before = old.model().forward(ps, new NDList(x), false);
            NDList after = grown.forward(ps, new NDList(x), false);
            int last = before.size() - 1;
            assertThat(after.get(last).getShape().get(1)).isEqualTo(9);
            float[] b = before.get(last).toFloatArray();
            float[] g = after.get(last).get(":, :6").toFloatArray();
            for (int i = 0; i < b.length; i++) {
                assertThat(g[i]).isCloseTo(b[i], within(1e-4f));
            }
            float[] h0 = before.get(0).toFloatArray();
            float[] g0 = after.get(0).get(":, :6").toFloatArray();
            for (int i = 0; i < h0.length; i++) {
                assertThat(g0[i]).isCloseTo(h0[i], within(1e-4f));
            }
        }
    }

    @Test
    void overlapCopiesTheSharedBlockOfTwoShapes() {
        float[] from = {1, 2, 3, 4, 5, 6}; // 2×3
        float[] to = new float[12]; // 3×4
        float[] out = ParameterGrowth.overlap(from, new long[] {2, 3}, to, new long[] {3, 4});
        assertThat(out).containsExactly(1, 2, 3, 0, 4, 5, 6, 0, 0, 0, 0, 0);
    }

    @Test
    void dataOfTheWrongShapeIsAOneLineError() {
        Path small = tmp.resolve("small");
        IdxWriter.write(small, "train", new ImageSet(new byte[2 * 14 * 14], new int[] {0, 1}, 14, 14));
        assertThatThrownBy(() -> ModelUpdate.run(UpdateConfig.defaults(), v1, small, List.of(), tmp.resolve("bad1"), List.of(), s -> { }))
                .hasMessageContaining("are 1x14x14").hasMessageContaining("takes 1x28x28").hasMessageNotContaining("\n");
        assertThat(tmp.resolve("bad1")).doesNotExist();
    }

    @Test
    void aGapInTheNewClassIdsIsRefused() {
        Path gap = tmp.resolve("gap");
        IdxWriter.write(gap, "train", withLabels(data.train(), 7, 8)); // id 6 missing
        assertThatThrownBy(() -> ModelUpdate.run(UpdateConfig.defaults(), v1, gap, List.of(), tmp.resolve("bad2"), List.of(), s -> { }))
                .hasMessageContaining("none with id 6").hasMessageContaining("without a gap");
    }

    @Test
    void aCorruptBundleIsRefused() throws IOException {
        Path broken = copy(v1, tmp.resolve("broken"));
        Path params = broken.resolve(BundleManifest.PARAMETERS_FILE);
        byte[] b = Files.readAllBytes(params);
        Files.write(params, java.util.Arrays.copyOf(b, b.length / 2));
        assertThatThrownBy(() -> ModelUpdate.run(UpdateConfig.defaults(), broken, newData, List.of(), tmp.resolve("bad3"), List.of(), s -> { }))
                .hasMessageContaining("corrupt bundle").hasMessageContaining("checksum");
    }

    @Test
    void aCorruptMemoryIsRefused() throws IOException {
        Path broken = copy(v1, tmp.resolve("broken-memory"));
        Path mem = broken.resolve(ReplayPlugin.FILE);
        byte[] b = Files.readAllBytes(mem);
        b[b.length - 1] ^= 1;
        Files.write(mem, b);
        assertThatThrownBy(() -> ModelUpdate.run(UpdateConfig.defaults(), broken, newData, List.of(), tmp.resolve("bad4"), List.of(), s -> { }))
                .hasMessageContaining("corrupt bundle").hasMessageContaining(ReplayPlugin.FILE);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBundleForAnotherArchitectureIsRefused() throws IOException {
        Path other = copy(v1, tmp.resolve("other-arch"));
        Path mf = other.resolve(BundleManifest.FILE_NAME);
        Map<String, Object> m = Json.read(mf, Map.class);
        ((Map<String, Object>) m.get("architecture")).put("name", "resnet50");
        Files.writeString(mf, Json.toString(m));
        assertThatThrownBy(() -> ModelUpdate.run(UpdateConfig.defaults(), other, newData, List.of(), tmp.resolve("bad5"), List.of(), s -> { }))
                .hasMessageContaining("unknown architecture 'resnet50'");
    }

    @Test
    void cumulativeWithoutTheEarlierDataAndAnOutputOverTheModelAreRefused() {
        assertThatThrownBy(() -> ModelUpdate.run(UpdateConfig.defaults().withStrategy("cumulative"), v1, newData, List.of(), tmp.resolve("bad6"),
                List.of(), s -> { })).hasMessageContaining("--previous-data");
        assertThatThrownBy(() -> ModelUpdate.run(UpdateConfig.defaults(), v1, newData, List.of(), v1, List.of(), s -> { }))
                .hasMessageContaining("--out is the bundle being updated");
        assertThatThrownBy(() -> ModelUpdate.run(UpdateConfig.defaults(), v1, newData, List.of(), v2, List.of(), s -> { }))
                .hasMessageContaining("already holds a bundle");
    }

    /** An explicit fp32 is the path of before, recorded: the same weights as an update given no precision. */
    @Test
    void anFp32UpdateIsThePathOfBeforeAndSaysSo() {
        Path out = tmp.resolve("models/v2-fp32");
        ModelUpdate.run(update, v1, newData, List.of(), out, List.of(), s -> { }, Precision.FP32);
        BundleManifest m = ModelBundle.readManifest(out);
        assertThat(PrecisionChoices.recordedIn(m)).isEqualTo("fp32");
        assertThat(m.provenance().config()).containsKey("precision_reason");
        assertThat(m.parametersSha256()).isEqualTo(ModelBundle.readManifest(v2).parametersSha256());
        assertThat(PrecisionChoices.recordedIn(ModelBundle.readManifest(v2))).isEqualTo("fp32"); // none recorded: fp32
        assertThat(ModelBundle.readManifest(v2).provenance().config()).doesNotContainKey("precision");
    }

    /**
     * A bf16 update really computes in bf16 (other weights than fp32's from the same seed), says so in its
     * provenance, and learns about as well: validation accuracy within 10 points of the fp32 update's.
     */
    @Test
    void aBf16UpdateTrainsInMixedPrecisionAndRecordsIt() {
        assumeTrue(CpuFeatures.detect().bf16DotProducts(), "the CPU has neither avx512_bf16 nor amx_bf16");
        Path out = tmp.resolve("models/v2-bf16");
        ModelUpdate.Outcome b = ModelUpdate.run(update, v1, newData, List.of(), out, List.of(), s -> { }, Precision.BF16);
        BundleManifest m = ModelBundle.readManifest(out);
        assertThat(PrecisionChoices.recordedIn(m)).isEqualTo("bf16");
        assertThat(m.parametersSha256()).isNotEqualTo(ModelBundle.readManifest(v2).parametersSha256());
        assertThat(b.validationAccuracy()).isCloseTo(outcome.validationAccuracy(), within(0.10));
        assertThat(b.backboneValidationAccuracy()).isCloseTo(outcome.backboneValidationAccuracy(), within(0.10));
    }

    static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}
