package io.zerowaste.spark.cli;

import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.DatasetLocator;
import io.zerowaste.core.result.ResultEnvelope;
import io.zerowaste.exits.app.ExitsBundle;
import io.zerowaste.exits.app.ExitsEvaluation;
import io.zerowaste.nn.app.RunRecorder;
import io.zerowaste.nn.engine.Precision;
import io.zerowaste.spark.BundleRef;
import io.zerowaste.spark.ExecutorBundles;
import io.zerowaste.spark.ImageFrames;
import io.zerowaste.spark.PixelSchema;
import io.zerowaste.spark.SparkSessions;
import io.zerowaste.spark.ZeroWasteSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code zerowaste spark calibrate}: {@code exits eval} with every exit's outputs computed on the executors. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Calibrate an exits bundle on Spark: every exit's outputs on the executors, the sweep, budget table "
                + "and chosen setting on the driver; writes results.json as 'exits eval' does.")
final class SparkCalibrateCommand implements Callable<Integer> {

    @Mixin
    MasterOption master;

    @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "An exits bundle.")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "PATH",
            description = "An IDX folder (validation = the bundle's seeded share of its training set, as 'exits eval'), or Parquet "
                    + "with id bigint, pixels binary, true_label int, split string ('validation' or 'test'; 'spark convert --set calibration' writes it).")
    String input;

    @Mixin
    ChoiceOptions choice;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write results.json.")
    Path out;

    @Option(names = "--partitions", paramLabel = "N", description = "Tasks per split (default: Spark's default parallelism).")
    int partitions;

    @Mixin
    PrecisionOption precision;

    @Override
    public Integer call() {
        ExitsEvaluation.Choice c = choice.toChoice();
        BundleRef shipped = BundleRef.ship(model);
        String m = SparkSessions.master(master.master);
        SparkSessions.checkReachable(m); // every bad input is one line, before the precision's line
        // calibrate in the precision that will serve: bf16 moves confidences slightly
        Precision.Choice p = precision.forBundle(model);
        BundleRef bundle = shipped.in(p.precision());
        ExitsBundle.Loaded b = ExecutorBundles.get(bundle);
        boolean idx = ImageFrames.isLocalPath(input) && Files.isDirectory(Path.of(input)) && !isParquetFolder(Path.of(input));
        Dataset data = idx ? DatasetLocator.load(Path.of(input)) : new Dataset(input, null, null, null, b.manifest().classNames());
        if (!idx && ImageFrames.isLocalPath(input) && !Files.exists(Path.of(input))) {
            throw ZeroWasteException.badInput("input not found: " + input + " (pass an IDX folder or a calibration Parquet)");
        }
        RunRecorder recorder = ExitsEvaluation.recorder(model, b, data, c, out, p);
        SparkSession spark = SparkSessions.start(m, "zerowaste spark calibrate", Map.of());
        try {
            org.apache.spark.sql.Dataset<Row> val;
            org.apache.spark.sql.Dataset<Row> tst;
            if (idx) {
                val = ImageFrames.rows(spark, ExitsEvaluation.validationSet(b, data), true, partitions);
                tst = ImageFrames.rows(spark, data.test(), true, partitions);
            } else {
                org.apache.spark.sql.Dataset<Row> all = ImageFrames.read(spark, input, 0);
                if (!java.util.Arrays.asList(all.schema().fieldNames()).contains(PixelSchema.SPLIT)) {
                    throw ZeroWasteException.badInput(input + " has no column 'split' (calibration rows are id bigint, pixels binary, "
                            + "true_label int, split string; 'zerowaste spark convert --set calibration' writes them)");
                }
                val = repartition(all.filter(functions.col(PixelSchema.SPLIT).equalTo("validation")), partitions);
                tst = repartition(all.filter(functions.col(PixelSchema.SPLIT).equalTo("test")), partitions);
            }
            ExitsEvaluation.Outcome o = ZeroWasteSpark.calibrate(val, tst, bundle, c, recorder);
            System.out.println("budget (fraction of the backbone) -> test accuracy, chosen on validation");
            o.report().budgetAccuracy().forEach((k, v) -> System.out.printf("  %3s %%  %s%n", k, v == null ? "-" : String.format("%.2f %%", 100 * v)));
            System.out.printf("chosen: %s = %s in %s, test accuracy %.2f %%, cost %.3f of the backbone (validation %.2f %%, %.3f)%n",
                    c, o.chosen().param(), p.precision().label(), 100 * o.chosen().accuracy(), o.chosen().costFraction(),
                    100 * o.chosen().validationAccuracy(), o.chosen().validationCostFraction());
            System.out.println("results: " + out.resolve(ResultEnvelope.FILE_NAME));
        } finally {
            spark.stop();
        }
        return SparkCli.OK;
    }

    private static org.apache.spark.sql.Dataset<Row> repartition(org.apache.spark.sql.Dataset<Row> d, int n) {
        return n > 0 ? d.repartition(n) : d;
    }

    private static boolean isParquetFolder(Path dir) {
        try (var files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".parquet") || f.getFileName().toString().equals("_SUCCESS"));
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
