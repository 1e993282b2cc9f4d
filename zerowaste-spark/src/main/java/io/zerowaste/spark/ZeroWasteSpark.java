package io.zerowaste.spark;

import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.result.ExitsBundleInfo;
import io.zerowaste.exits.app.ExitsBundle;
import io.zerowaste.exits.app.ExitsEvaluation;
import io.zerowaste.exits.eval.ExitOutputs;
import io.zerowaste.nn.app.RunRecorder;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * Early-exit inference and calibration on Spark, with the same answers as the single-JVM commands: every
 * executor JVM loads the bundle once ({@link ExecutorBundles}), every task runs its own predictor over its
 * partition, and everything that can be checked is checked on the driver before a task starts.
 */
public final class ZeroWasteSpark {

    private ZeroWasteSpark() {}

    /**
     * {@code images} ({@code id bigint, pixels binary}, other columns kept) plus {@code label}, {@code class_name},
     * {@code confidence}, {@code exit_head}, {@code cost_fraction}: a lazy Dataset, computed when an action runs.
     */
    public static Dataset<Row> predict(Dataset<Row> images, BundleRef bundle, SparkExitOptions options) {
        StructType schema = images.schema();
        PixelSchema.checkImages(schema, "the input");
        ExitsBundle.Loaded b = ExecutorBundles.get(bundle);
        double param = threshold(bundle, options);
        checkFirstRow(images, b);
        Broadcast<BundleRef> shipped = broadcast(images, bundle);
        PartitionPredictor f = new PartitionPredictor(shipped, param, options, schema.fieldIndex(PixelSchema.ID),
                schema.fieldIndex(PixelSchema.PIXELS));
        return images.mapPartitions(f, Encoders.row(PixelSchema.withPredictions(schema)));
    }

    /** The threshold (patience for PBEE) {@link #predict} uses for {@code options}. */
    public static double threshold(BundleRef bundle, SparkExitOptions options) {
        ExitsBundle.Loaded b = ExecutorBundles.get(bundle);
        return ThresholdChoice.resolve(ExitsBundleInfo.of(b.manifest().extra(), bundle.name()), options, bundle.name());
    }

    /** Images, MACs spent against the plain backbone's, and exits per head, of a {@link #predict} result. */
    public static SavingsTotals totals(Dataset<Row> predictions, BundleRef bundle) {
        return SparkErrors.unwrap(() -> SavingsTotals.of(predictions, ExecutorBundles.get(bundle)));
    }

    /**
     * The calibration {@code exits eval} runs, with every exit's outputs computed on the executors: over
     * {@code validation} (choices) and {@code test} (reported figures), both {@code id bigint, pixels binary,
     * true_label int}. The driver gathers the outputs and runs the exits module's sweep, budget table and choice
     * ({@link ExitsEvaluation#report}), so the table and the chosen threshold are those of {@code exits eval}.
     */
    public static ExitsEvaluation.Outcome calibrate(Dataset<Row> validation, Dataset<Row> test, BundleRef bundle,
            ExitsEvaluation.Choice choice, RunRecorder recorder) {
        PixelSchema.checkLabelled(validation.schema(), "the validation rows");
        PixelSchema.checkLabelled(test.schema(), "the test rows");
        ExitsBundle.Loaded b = ExecutorBundles.get(bundle);
        checkFirstRow(validation, b);
        checkFirstRow(test, b);
        ExitOutputs val = SparkErrors.unwrap(() -> exitOutputs(validation, bundle, b));
        ExitOutputs tst = SparkErrors.unwrap(() -> exitOutputs(test, bundle, b));
        return ExitsEvaluation.report(b, val, tst, choice, recorder);
    }

    /** Every exit's probabilities for every row of {@code rows}, gathered on the driver in id order. */
    private static ExitOutputs exitOutputs(Dataset<Row> rows, BundleRef bundle, ExitsBundle.Loaded b) {
        StructType s = rows.schema();
        PartitionExitOutputs f = new PartitionExitOutputs(broadcast(rows, bundle), s.fieldIndex(PixelSchema.ID),
                s.fieldIndex(PixelSchema.PIXELS), s.fieldIndex(PixelSchema.TRUE_LABEL));
        List<Row> out = rows.mapPartitions(f, Encoders.row(PartitionExitOutputs.SCHEMA)).orderBy(PixelSchema.ID).collectAsList();
        int exits = b.model().numExits();
        float[][][] probs = new float[out.size()][exits][];
        int[] labels = new int[out.size()];
        for (int k = 0; k < out.size(); k++) {
            Row r = out.get(k);
            if (k > 0 && out.get(k - 1).getLong(0) == r.getLong(0)) {
                throw ZeroWasteException.badInput("row id " + r.getLong(0) + " appears twice in the calibration rows (ids must be unique)");
            }
            labels[k] = r.getInt(1);
            List<Float> all = r.getList(2);
            int classes = all.size() / exits;
            for (int e = 0; e < exits; e++) {
                float[] p = new float[classes];
                for (int c = 0; c < classes; c++) {
                    p[c] = all.get(e * classes + c);
                }
                probs[k][e] = p;
            }
        }
        return new ExitOutputs(probs, labels);
    }

    /** A one-row job that checks the first row's pixel length before the real work starts (later rows: in the tasks). */
    private static void checkFirstRow(Dataset<Row> rows, ExitsBundle.Loaded b) {
        List<Row> first = SparkErrors.unwrap(() -> rows.select(functions.col(PixelSchema.ID), functions.col(PixelSchema.PIXELS))
                .limit(1).collectAsList());
        if (!first.isEmpty()) {
            Row r = first.get(0);
            PixelSchema.checkRow(r.get(0), r.isNullAt(1) ? null : (byte[]) r.get(1), b.manifest().architecture());
        }
    }

    private static Broadcast<BundleRef> broadcast(Dataset<Row> rows, BundleRef bundle) {
        return JavaSparkContext.fromSparkContext(rows.sparkSession().sparkContext()).broadcast(bundle);
    }
}
