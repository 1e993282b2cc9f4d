package io.zerowaste.spark;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.exits.app.ExitsBundle;
import io.zerowaste.exits.predict.ExitingPredictor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bench spark}: rows/s after warm-up of {@link ZeroWasteSpark#predict} on a master, and of the single-JVM
 * {@code predictAll} on the same cores and rows; Spark's start-up, its first (cold) job and its per-job overhead
 * (a warm job on a handful of rows).
 */
public final class SparkBenchmark {

    /** One configuration's figures (seconds; warm = median of the timed repeats). */
    public record Figures(String name, int cores, int rows, double startSeconds, double firstJobSeconds, double warmSeconds,
            double perJobSeconds) {

        public double rowsPerSecond() {
            return rows / warmSeconds;
        }
    }

    private SparkBenchmark() {}

    /** {@code predictAll} in this JVM with {@code cores} intra-op threads: a warm-up pass, then the median of {@code repeats}. */
    public static Figures predictAll(BundleRef bundle, ImageSet images, int cores, int repeats) {
        ExitsBundle.Loaded b = ExecutorBundles.get(bundle);
        int before = JniUtils.getNumThreads();
        JniUtils.setNumThreads(cores);
        try {
            ExitingPredictor p = b.predictor();
            BatchAssembler data = new BatchAssembler(images, b.manifest().normalization());
            double[] t = new double[repeats + 1];
            for (int r = 0; r <= repeats; r++) {
                long t0 = System.nanoTime();
                try (NDManager m = NDManager.newBaseManager()) {
                    p.predictAll(m, data);
                }
                t[r] = (System.nanoTime() - t0) / 1e9;
            }
            return new Figures("predictAll, 1 JVM, " + cores + " thread" + (cores > 1 ? "s" : ""), cores, images.size(), 0, t[0],
                    median(Arrays.copyOfRange(t, 1, t.length)), 0);
        } finally {
            JniUtils.setNumThreads(before);
        }
    }

    /**
     * {@link ZeroWasteSpark#predict} on {@code master} ({@code cores} tasks at a time): the session's start-up, the first
     * job, the median of {@code repeats} warm jobs over the cached rows (results to Spark's no-op sink), and a warm job on
     * {@code cores} rows for the fixed per-job cost.
     */
    public static Figures spark(String name, String master, Map<String, String> conf, int cores, BundleRef bundle, ImageSet images,
            int repeats) {
        long t0 = System.nanoTime();
        SparkSession spark = SparkSessions.start(master, "zerowaste bench spark", conf);
        try {
            double start = (System.nanoTime() - t0) / 1e9;
            JniUtils.setNumThreads(1); // local mode: the tasks run in this JVM, one intra-op thread each
            Dataset<Row> rows = ImageFrames.rows(spark, images, false, cores).cache();
            rows.count();
            Dataset<Row> few = ImageFrames.rows(spark, images.head(cores), false, cores).cache();
            few.count();
            SparkExitOptions o = SparkExitOptions.defaults();
            double first = time(() -> run(rows, bundle, o));
            List<Double> warm = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                warm.add(time(() -> run(rows, bundle, o)));
            }
            List<Double> tiny = new ArrayList<>();
            for (int r = 0; r < Math.max(3, repeats); r++) {
                tiny.add(time(() -> run(few, bundle, o)));
            }
            return new Figures(name, cores, images.size(), start, first, median(warm.stream().mapToDouble(d -> d).toArray()),
                    median(tiny.stream().mapToDouble(d -> d).toArray()));
        } finally {
            spark.stop();
        }
    }

    private static void run(Dataset<Row> rows, BundleRef bundle, SparkExitOptions o) {
        SparkErrors.unwrap(() -> {
            ZeroWasteSpark.predict(rows, bundle, o).write().format("noop").mode("overwrite").save();
            return null;
        });
    }

    private static double time(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
