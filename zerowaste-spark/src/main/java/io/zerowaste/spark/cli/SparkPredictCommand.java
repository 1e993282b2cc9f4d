package io.zerowaste.spark.cli;

import io.zerowaste.core.io.AtomicFiles;
import io.zerowaste.nn.bundle.ModelBundle;
import io.zerowaste.nn.model.PrecisionChoices;
import io.zerowaste.spark.BundleRef;
import io.zerowaste.spark.ImageFrames;
import io.zerowaste.spark.SavingsTotals;
import io.zerowaste.spark.SparkErrors;
import io.zerowaste.spark.SparkExitOptions;
import io.zerowaste.spark.SparkSessions;
import io.zerowaste.spark.ZeroWasteSpark;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code zerowaste spark predict}: early-exit predictions for a table of images, written as Parquet, with the job's totals. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict a table of images with dynamic early exits on Spark; writes Parquet (input columns + label, "
                + "class_name, confidence, exit_head, cost_fraction) and prints the totals.")
final class SparkPredictCommand implements Callable<Integer> {

    @Mixin
    MasterOption master;

    @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "An exits bundle (RUN_DIR/ztw, …).")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "PATH",
            description = "Parquet (id bigint, pixels binary; a file or folder, any Hadoop path) or an IDX images file.")
    String input;

    @Option(names = "--output", required = true, paramLabel = "PATH", description = "Where to write the predictions (Parquet folder).")
    String output;

    @Mixin
    ChoiceOptions choice;

    @Option(names = "--batch", paramLabel = "N", description = "Samples per stage run (default: ${DEFAULT-VALUE}).")
    int batch = SparkExitOptions.DEFAULT_BATCH;

    @Option(names = "--partitions", paramLabel = "N", description = "Repartition the input into N tasks (default: as read).")
    int partitions;

    @Mixin
    PrecisionOption precision;

    @Option(names = "--shared-bundle", description = "Executors read BUNDLE from its path (shared storage) instead of receiving its bytes.")
    boolean sharedBundle;

    @Option(names = "--fail-first-attempt-of-partition", hidden = true, paramLabel = "P",
            description = "Test only: the first attempt of partition P fails half-way (shows retries lose nothing).")
    int failPartition = -1;

    @Override
    public Integer call() {
        SparkExitOptions o = choice.applyTo(SparkExitOptions.defaults().withBatch(batch).withFailFirstAttemptOfPartition(failPartition));
        BundleRef shipped = sharedBundle ? BundleRef.shared(model) : BundleRef.ship(model);
        String m = SparkSessions.master(master.master);
        SparkSessions.checkReachable(m); // every bad input is one line, before the precision's line
        BundleRef bundle = precision.apply(shipped, model);
        String calibrated = PrecisionChoices.recordedIn(ModelBundle.readManifest(model));
        if (o.threshold() == null && !calibrated.equals(bundle.precision().label())) {
            SparkCli.info("note: the bundle's threshold and validation curve were calibrated in " + calibrated + "; 'zerowaste spark "
                    + "calibrate --precision " + bundle.precision().label() + "' chooses one in " + bundle.precision().label()
                    + " (pass it with --threshold)");
        }
        if (ImageFrames.isLocalPath(output)) {
            AtomicFiles.checkWritableFolder(Path.of(output).toAbsolutePath().getParent());
        }
        long t0 = System.nanoTime();
        SparkSession spark = SparkSessions.start(m, "zerowaste spark predict", Map.of());
        try {
            double started = (System.nanoTime() - t0) / 1e9;
            Dataset<Row> images = ImageFrames.read(spark, input, partitions);
            double threshold = ZeroWasteSpark.threshold(bundle, o);
            long t1 = System.nanoTime();
            Dataset<Row> out = ZeroWasteSpark.predict(images, bundle, o);
            SparkErrors.unwrap(() -> {
                ImageFrames.writeParquet(out, output);
                return null;
            });
            double job = (System.nanoTime() - t1) / 1e9;
            // totals from what was written: an aggregate over the committed output counts every row once
            SavingsTotals totals = ZeroWasteSpark.totals(spark.read().parquet(output), bundle);
            System.out.printf("master: %s, threshold %s, %s, %d partitions%n", m, threshold, bundle.precision().label(),
                    images.rdd().getNumPartitions());
            System.out.println(totals.describe());
            System.out.printf("Spark start %.1f s, predict and write %.1f s (%.0f rows/s)%nwrote %s%n", started, job,
                    totals.images() / job, output);
        } finally {
            spark.stop();
        }
        return SparkCli.OK;
    }
}
