package io.zerowaste.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.exits.app.ExitsBundle;
import io.zerowaste.exits.app.ExitsEvaluation;
import io.zerowaste.exits.app.ExitsInference;
import io.zerowaste.exits.predict.ExitPrediction;
import io.zerowaste.nn.engine.Precision;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spark in local[2] (tasks may fail twice, for the retry test) against the single-JVM commands on the fixture. */
class ZeroWasteSparkTest {

    @TempDir
    static Path tmp;

    static Dataset data;
    static Path bundleDir;
    static BundleRef bundle;
    static SparkSession spark;

    @BeforeAll
    static void trainAndStart() {
        data = TinyBundle.data();
        bundleDir = TinyBundle.dir();
        bundle = BundleRef.ship(bundleDir);
        spark = SparkSessions.start("local[2,2]", "zerowaste-test", Map.of());
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    static List<Row> predictSorted(org.apache.spark.sql.Dataset<Row> images, SparkExitOptions o) {
        return ZeroWasteSpark.predict(images, bundle, o).orderBy("id").collectAsList();
    }

    @Test
    void predictionsEqualTheSingleJvmPredictorInEveryPartitioningAndBatching() {
        for (double t : List.of(0.5, 0.9)) {
            List<ExitPrediction> want = ExitsInference.predict(bundleDir, data.test(), t).predictions();
            List<String> names = ExitsBundle.read(bundleDir, ai.djl.ndarray.NDManager.newBaseManager()).manifest().classNames();
            for (int[] setup : new int[][] {{2, 256, 40}, {3, 16, 2}, {1, 7, 1}}) {
                SparkExitOptions o = SparkExitOptions.defaults().withThreshold(t).withBatch(setup[1]).withPoolBatches(setup[2]);
                List<Row> got = predictSorted(ImageFrames.rows(spark, data.test(), false, setup[0]), o);
                assertThat(got).hasSize(want.size());
                for (int k = 0; k < want.size(); k++) {
                    Row r = got.get(k);
                    ExitPrediction p = want.get(k);
                    String at = "t=" + t + " setup " + java.util.Arrays.toString(setup) + " row " + k;
                    assertThat(r.getLong(0)).as(at).isEqualTo(k);
                    assertThat(r.getInt(2)).as(at).isEqualTo(p.label());
                    assertThat(r.getString(3)).as(at).isEqualTo(names.get(p.label()));
                    assertThat(r.getFloat(4)).as(at).isEqualTo(p.confidence());
                    assertThat(r.getInt(5)).as(at).isEqualTo(p.exitHead());
                    assertThat(r.getDouble(6)).as(at).isEqualTo(p.costFraction());
                }
            }
        }
    }

    @Test
    void theBundleIsLoadedOncePerJvmWhateverTheTasksAndJobs() {
        ZeroWasteSpark.predict(ImageFrames.rows(spark, data.test(), false, 4), bundle, SparkExitOptions.defaults()).count();
        int loads = ExecutorBundles.loads();
        ZeroWasteSpark.predict(ImageFrames.rows(spark, data.test(), false, 4), bundle, SparkExitOptions.defaults()).count();
        assertThat(ExecutorBundles.loads(bundle)).isEqualTo(1);
        assertThat(ExecutorBundles.loads()).isEqualTo(loads); // (a bf16 test may have loaded the bf16 copy before)
    }

    @Test
    void totalsCountImagesMacsAndExitsOnceEach() {
        var preds = ZeroWasteSpark.predict(ImageFrames.rows(spark, data.test(), false, 2), bundle, SparkExitOptions.defaults());
        SavingsTotals t = ZeroWasteSpark.totals(preds, bundle);
        List<ExitPrediction> want = ExitsInference.predict(bundleDir, data.test(), null).predictions();
        long[] perHead = new long[t.exitsPerHead().length];
        double spent = 0;
        for (ExitPrediction p : want) {
            perHead[p.exitHead()]++;
            spent += p.costFraction();
        }
        assertThat(t.images()).isEqualTo(want.size());
        assertThat(t.exitsPerHead()).containsExactly(perHead);
        assertThat(t.costFraction()).isCloseTo(spent / want.size(), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(t.backboneMacs()).isEqualTo(want.size() * 20_183_936.0);
    }

    @Test
    void aTaskThatFailsHalfWayIsRetriedWithoutLossOrDuplicates() {
        var images = ImageFrames.rows(spark, data.test(), false, 3);
        SavingsTotals clean = ZeroWasteSpark.totals(ZeroWasteSpark.predict(images, bundle, SparkExitOptions.defaults()), bundle);
        int before = PartitionPredictor.INJECTED.get();
        var failing = ZeroWasteSpark.predict(images, bundle, SparkExitOptions.defaults().withFailFirstAttemptOfPartition(1));
        List<Row> rows = failing.collectAsList();
        assertThat(PartitionPredictor.INJECTED.get()).as("the failure was injected").isEqualTo(before + 1);
        Set<Long> ids = new HashSet<>();
        rows.forEach(r -> ids.add(r.getLong(0)));
        assertThat(rows).hasSize(data.test().size());
        assertThat(ids).hasSize(data.test().size());
        var again = ZeroWasteSpark.predict(images, bundle, SparkExitOptions.defaults().withFailFirstAttemptOfPartition(2));
        SavingsTotals retried = ZeroWasteSpark.totals(again, bundle);
        assertThat(PartitionPredictor.INJECTED.get()).isEqualTo(before + 2);
        assertThat(retried.images()).isEqualTo(clean.images());
        assertThat(retried.exitsPerHead()).containsExactly(clean.exitsPerHead());
        assertThat(retried.macsSpent()).isEqualTo(clean.macsSpent());
    }

    @Test
    void calibrationGivesTheTableAndThresholdOfExitsEval() {
        for (ExitsEvaluation.Choice choice : List.of(new ExitsEvaluation.Stored(), new ExitsEvaluation.MaxDrop(1.0),
                new ExitsEvaluation.Budget(1.0), new ExitsEvaluation.Fixed(0.7))) {
            String name = choice.getClass().getSimpleName();
            ExitsEvaluation.Outcome local = ExitsEvaluation.run(bundleDir, data, choice, tmp.resolve("eval-" + name));
            ExitsBundle.Loaded b = ExecutorBundles.get(bundle);
            var recorder = ExitsEvaluation.recorder(bundleDir, b, data, choice, tmp.resolve("spark-" + name));
            var val = ImageFrames.rows(spark, ExitsEvaluation.validationSet(b, data), true, 3);
            var tst = ImageFrames.rows(spark, data.test(), true, 2);
            ExitsEvaluation.Outcome dist = ZeroWasteSpark.calibrate(val, tst, bundle, choice, recorder);
            assertThat(dist.chosen()).as(name).isEqualTo(local.chosen());
            assertThat(dist.report().budgetAccuracy()).as(name).isEqualTo(local.report().budgetAccuracy());
            assertThat(dist.report().validationCurve()).as(name).isEqualTo(local.report().validationCurve());
            assertThat(dist.report().testCurve()).as(name).isEqualTo(local.report().testCurve());
            assertThat(dist.exitFractions()).as(name).isEqualTo(local.exitFractions());
            assertThat(dist.result().metrics()).as(name).isEqualTo(local.result().metrics());
        }
    }

    /**
     * With the bundle in bf16, every executor computes in bf16: the predictions equal the single-JVM bf16 predictor's
     * (labels, exit heads), and calibration gives what {@code exits eval --precision bf16} gives. Stated tolerance against
     * fp32: labels agree on at least 194 of the fixture's 200 test images (3 %; this tiny bundle, 1 backbone epoch on 400
     * images, has many low-margin answers that bf16's 8 significant bits can flip). Some confidence must move (bf16 ran).
     */
    @Test
    void inBf16ExecutorsComputeInBf16NearFp32AndCalibrateAsExitsEvalInBf16() {
        BundleRef bf16 = bundle.in(Precision.BF16);
        List<ExitPrediction> want16 = ExitsInference.predict(bundleDir, data.test(), null, Precision.BF16).predictions();
        List<ExitPrediction> want32 = ExitsInference.predict(bundleDir, data.test(), null).predictions();
        List<Row> got = ZeroWasteSpark.predict(ImageFrames.rows(spark, data.test(), false, 2), bf16, SparkExitOptions.defaults())
                .orderBy("id").collectAsList();
        assertThat(got).hasSize(want16.size());
        int agree = 0;
        int moved = 0;
        for (int k = 0; k < got.size(); k++) {
            Row r = got.get(k);
            assertThat(r.getInt(2)).as("row %d label against single-JVM bf16", k).isEqualTo(want16.get(k).label());
            assertThat(r.getInt(5)).as("row %d exit head against single-JVM bf16", k).isEqualTo(want16.get(k).exitHead());
            agree += r.getInt(2) == want32.get(k).label() ? 1 : 0;
            moved += r.getFloat(4) != want32.get(k).confidence() ? 1 : 0;
        }
        assertThat(agree).as("labels equal to fp32's, of 200").isGreaterThanOrEqualTo(194);
        assertThat(moved).as("confidences bf16 moved").isPositive();
        assertThat(ExecutorBundles.get(bf16).model().precision()).isEqualTo(Precision.BF16);
        assertThat(ExecutorBundles.get(bundle).model().precision()).as("the fp32 copy is another one").isEqualTo(Precision.FP32);

        ExitsEvaluation.Choice choice = new ExitsEvaluation.MaxDrop(1.0);
        Precision.Choice p = new Precision.Choice(Precision.BF16, "asked for");
        ExitsEvaluation.Outcome local = ExitsEvaluation.run(bundleDir, data, choice, tmp.resolve("eval-bf16"), p);
        ExitsBundle.Loaded b = ExecutorBundles.get(bf16);
        var recorder = ExitsEvaluation.recorder(bundleDir, b, data, choice, tmp.resolve("spark-bf16"), p);
        var val = ImageFrames.rows(spark, ExitsEvaluation.validationSet(b, data), true, 3);
        var tst = ImageFrames.rows(spark, data.test(), true, 2);
        ExitsEvaluation.Outcome dist = ZeroWasteSpark.calibrate(val, tst, bf16, choice, recorder);
        assertThat(dist.chosen()).isEqualTo(local.chosen());
        assertThat(dist.report().validationCurve()).isEqualTo(local.report().validationCurve());
        assertThat(dist.result().provenance().config()).containsEntry("precision", "bf16");
    }

    @Test
    void badInputIsOneLineBeforeAnyTaskAndAWrongRowIsNamed() {
        var images = ImageFrames.rows(spark, data.test(), false, 2);
        SparkExitOptions o = SparkExitOptions.defaults();
        assertThatThrownBy(() -> ZeroWasteSpark.predict(images.withColumn("id", functions.col("id").cast("int")), bundle, o))
                .isInstanceOf(ZeroWasteException.class).hasMessageContaining("column 'id' is int, not bigint");
        assertThatThrownBy(() -> ZeroWasteSpark.predict(images.drop("pixels"), bundle, o))
                .isInstanceOf(ZeroWasteException.class).hasMessageContaining("no column 'pixels'");
        var shortFirst = images.withColumn("pixels", functions.expr("substring(pixels, 1, 700)"));
        assertThatThrownBy(() -> ZeroWasteSpark.predict(shortFirst, bundle, o))
                .isInstanceOf(ZeroWasteException.class).hasMessageContaining("row id 0 has 700 pixel bytes").hasMessageContaining("784");
        var shortLater = images.withColumn("pixels", functions.expr("if(id = 137, substring(pixels, 1, 10), pixels)"));
        assertThatThrownBy(() -> SparkErrors.unwrap(() -> ZeroWasteSpark.predict(shortLater, bundle, o).count()))
                .isInstanceOf(ZeroWasteException.class).hasMessageStartingWith("row id 137 has 10 pixel bytes");
        assertThatThrownBy(() -> BundleRef.ship(tmp.resolve("no-such-bundle")))
                .isInstanceOf(ZeroWasteException.class).hasMessageContaining("model bundle not found");
        assertThatThrownBy(() -> SparkSessions.checkReachable("spark://127.0.0.1:9"))
                .isInstanceOf(ZeroWasteException.class).hasMessageContaining("cannot reach the Spark master at 127.0.0.1:9");
        assertThatThrownBy(() -> SparkSessions.checkReachable("mesos://x"))
                .isInstanceOf(ZeroWasteException.class).hasMessageContaining("unknown --master");
        var dup = spark.createDataFrame(List.of(RowFactory.create(1L, new byte[784], 0), RowFactory.create(1L, new byte[784], 0)),
                PixelSchema.LABELLED);
        ExitsBundle.Loaded b = ExecutorBundles.get(bundle);
        var recorder = ExitsEvaluation.recorder(bundleDir, b, data, new ExitsEvaluation.Stored(), tmp.resolve("dup"));
        assertThatThrownBy(() -> ZeroWasteSpark.calibrate(dup, dup, bundle, new ExitsEvaluation.Stored(), recorder))
                .hasMessageContaining("row id 1 appears twice");
    }

    @Test
    void theThresholdFollowsTheOptionsOnTheBundlesValidationCurve() {
        ExitsBundle.Loaded b = ExecutorBundles.get(bundle);
        assertThat(ZeroWasteSpark.threshold(bundle, SparkExitOptions.defaults())).isEqualTo(b.param());
        assertThat(ZeroWasteSpark.threshold(bundle, SparkExitOptions.defaults().withThreshold(0.42))).isEqualTo(0.42);
        var curve = io.zerowaste.core.result.ExitsBundleInfo.of(b.manifest().extra(), "b").validationCurve();
        double cheapest = curve.stream().min(Comparator.comparingDouble(io.zerowaste.core.metrics.CurvePoint::costFraction)).get().param();
        // a 100-point drop allows every setting: the cheapest is chosen
        assertThat(ZeroWasteSpark.threshold(bundle, SparkExitOptions.defaults().withMaxDrop(100.0))).isEqualTo(cheapest);
        assertThatThrownBy(() -> ZeroWasteSpark.threshold(bundle, SparkExitOptions.defaults().withBudget(0.001)))
                .hasMessageContaining("fits a budget");
        assertThatThrownBy(() -> SparkExitOptions.defaults().withBudget(0.5).withThreshold(0.5))
                .hasMessageContaining("at most one");
    }
}
