package io.zerowaste.spark.cli;

import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.data.DatasetLocator;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.spark.BundleRef;
import io.zerowaste.spark.SparkBenchmark;
import io.zerowaste.spark.SparkBenchmark.Figures;
import io.zerowaste.spark.SparkSessions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code zerowaste bench spark}: Spark's throughput and overheads next to the single-JVM predictor on the same cores and rows. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Rows/s after warm-up for local[1], local[2] and a standalone cluster (2 executors x 1 core), next to the "
                + "single-JVM predictAll on the same cores and rows; Spark's start-up, first-job and per-job overhead.")
final class BenchSparkCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "An exits bundle.")
    Path model;

    @Option(names = "--data", paramLabel = "DIR", description = "IDX folder whose test set is used (default: $ZEROWASTE_DATA, else "
            + "/usr/share/datasets/fashion-mnist).")
    Path data;

    @Option(names = "--rows", paramLabel = "N", description = "Rows (the first N test images; default: all).")
    int rows;

    @Option(names = "--repeats", paramLabel = "R", description = "Timed runs after the warm-up (default: ${DEFAULT-VALUE}).")
    int repeats = 3;

    @Option(names = "--standalone", paramLabel = "URL", description = "The standalone master (default: ${DEFAULT-VALUE}; "
            + "scripts/spark-cluster.sh start). 'none' skips it.")
    String standalone = SparkSessions.LOCAL_STANDALONE;

    @Mixin
    PrecisionOption precision;

    @Override
    public Integer call() {
        if (repeats < 1) {
            throw ZeroWasteException.badInput("--repeats must be at least 1");
        }
        ImageSet images = DatasetLocator.load(DatasetLocator.resolve(data, System.getenv())).test();
        if (rows > 0) {
            images = images.head(Math.min(rows, images.size()));
        }
        BundleRef bundle = precision.apply(BundleRef.ship(model), model);
        List<Figures> f = new ArrayList<>();
        f.add(SparkBenchmark.predictAll(bundle, images, 1, repeats));
        f.add(SparkBenchmark.predictAll(bundle, images, 2, repeats));
        f.add(SparkBenchmark.spark("Spark local[1]", "local[1]", Map.of(), 1, bundle, images, repeats));
        f.add(SparkBenchmark.spark("Spark local[2]", "local[2]", Map.of(), 2, bundle, images, repeats));
        if (!standalone.equals("none")) {
            f.add(SparkBenchmark.spark("Spark standalone 2x1 core", standalone,
                    Map.of("spark.executor.cores", "1", "spark.cores.max", "2", "spark.executor.memory", "1g"), 2, bundle, images, repeats));
        }
        System.out.printf("%-30s %5s %7s %8s %9s %8s %8s %9s %9s%n", "run", "cores", "rows", "start s", "1st job s", "warm s",
                "rows/s", "vs 1 JVM", "per-job s");
        for (Figures x : f) {
            Figures base = x.cores() == 1 ? f.get(0) : f.get(1);
            System.out.printf("%-30s %5d %7d %8.2f %9.2f %8.3f %8.0f %8.2fx %9.3f%n", x.name(), x.cores(), x.rows(), x.startSeconds(),
                    x.firstJobSeconds(), x.warmSeconds(), x.rowsPerSecond(), x.rowsPerSecond() / base.rowsPerSecond(), x.perJobSeconds());
        }
        System.out.println("(all in " + bundle.precision().label() + "; predictAll: first job = its warm-up pass; Spark: start = SparkSession start-up, 1st job = cold job with "
                + "the bundle loaded in each executor, warm = median of " + repeats + " jobs over cached rows, per-job = a warm job "
                + "on one row per core)");
        return SparkCli.OK;
    }
}
