package io.zerowaste.spark.cli;

import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.DatasetLocator;
import io.zerowaste.core.data.IdxReader;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.exits.app.ExitsBundle;
import io.zerowaste.exits.app.ExitsEvaluation;
import io.zerowaste.spark.BundleRef;
import io.zerowaste.spark.ExecutorBundles;
import io.zerowaste.spark.ImageFrames;
import io.zerowaste.spark.PixelSchema;
import io.zerowaste.spark.SparkSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zerowaste spark convert}: IDX images to the Parquet table {@code spark predict} and {@code spark calibrate} read. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert IDX images to Parquet: id bigint, pixels binary (C×H×W grey levels 0-255), true_label int when known.")
final class SparkConvertCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IDX", description = "An IDX folder (train-…, t10k-… files) or one IDX images file.")
    Path idx;

    @Parameters(index = "1", paramLabel = "OUT", description = "The Parquet folder to write.")
    String out;

    @Option(names = "--set", paramLabel = "test|train|calibration",
            description = "From a folder: the test set, the training set, or calibration rows (the bundle's validation share of the "
                    + "training set and the test set, with a split column; needs --model). Default: ${DEFAULT-VALUE}.")
    String set = "test";

    @Option(names = "--model", paramLabel = "BUNDLE", description = "For --set calibration: the bundle whose validation share to take.")
    Path model;

    @Option(names = "--partitions", paramLabel = "N", description = "Parquet parts to write (default: ${DEFAULT-VALUE}).")
    int partitions = 2;

    @Override
    public Integer call() {
        if (!Files.exists(idx)) {
            throw ZeroWasteException.badInput("not found: " + idx + " (pass an IDX folder or an IDX images file)");
        }
        if (set.equals("calibration") && model == null) {
            throw ZeroWasteException.badInput("--set calibration needs --model BUNDLE (its seed picks the validation share)");
        }
        if (!set.equals("test") && !set.equals("train") && !set.equals("calibration")) {
            throw ZeroWasteException.badInput("unknown --set '" + set + "' (use test, train or calibration)");
        }
        Dataset data = Files.isDirectory(idx) ? DatasetLocator.load(idx) : null;
        ExitsBundle.Loaded b = model == null ? null : ExecutorBundles.get(BundleRef.ship(model));
        SparkSession spark = SparkSessions.start("local[1]", "zerowaste spark convert", Map.of());
        try {
            org.apache.spark.sql.Dataset<Row> df;
            long rows;
            if (data == null) {
                ImageSet images = IdxReader.readImagesOnly(idx);
                df = ImageFrames.rows(spark, images, false, partitions);
                rows = images.size();
            } else if (set.equals("calibration")) {
                ImageSet val = ExitsEvaluation.validationSet(b, data);
                df = ImageFrames.rows(spark, val, true, partitions).withColumn(PixelSchema.SPLIT, functions.lit("validation"))
                        .unionByName(ImageFrames.rows(spark, data.test(), true, partitions)
                                .withColumn(PixelSchema.ID, functions.col(PixelSchema.ID).plus(val.size()))
                                .withColumn(PixelSchema.SPLIT, functions.lit("test")));
                rows = val.size() + data.test().size();
            } else {
                ImageSet images = set.equals("train") ? data.train() : data.test();
                df = ImageFrames.rows(spark, images, true, partitions);
                rows = images.size();
            }
            ImageFrames.writeParquet(df, out);
            System.out.printf("wrote %,d rows to %s%n", rows, out);
        } finally {
            spark.stop();
        }
        return SparkCli.OK;
    }
}
