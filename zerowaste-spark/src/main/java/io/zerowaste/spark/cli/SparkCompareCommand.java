package io.zerowaste.spark.cli;

import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.io.Json;
import io.zerowaste.spark.SparkSessions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zerowaste spark compare}: checks that {@code spark predict}'s Parquet holds exactly the predictions of
 * {@code exits predict --format json} on the same IDX file (row id = index): labels, exit heads, confidences.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Check spark predict's Parquet against 'exits predict --format json' on the same IDX file: same rows, labels, "
                + "exit heads (all equal) and confidences (within 1e-5). Exit code 1 otherwise.")
final class SparkCompareCommand implements Callable<Integer> {

    @Option(names = "--predictions", required = true, paramLabel = "PARQUET", description = "What spark predict wrote.")
    String predictions;

    @Option(names = "--expected", required = true, paramLabel = "JSON", description = "What 'exits predict --format json' wrote.")
    Path expected;

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() {
        List<Map<String, Object>> want = (List<Map<String, Object>>) Json.read(expected, Map.class).get("predictions");
        if (want == null) {
            throw ZeroWasteException.badInput(expected + " has no 'predictions' list (write it with 'zerowaste exits predict --format json')");
        }
        SparkSession spark = SparkSessions.start("local[1]", "zerowaste spark compare", Map.of());
        try {
            List<Row> got = spark.read().parquet(predictions).select("id", "label", "exit_head", "confidence").orderBy("id").collectAsList();
            if (got.size() != want.size()) {
                throw ZeroWasteException.failure(predictions + " has " + got.size() + " rows, " + expected + " " + want.size(), null);
            }
            int labels = 0;
            int heads = 0;
            int exact = 0;
            float maxDiff = 0;
            for (int k = 0; k < got.size(); k++) {
                Row r = got.get(k);
                Map<String, Object> w = want.get(k);
                if (r.getLong(0) != k) {
                    throw ZeroWasteException.failure(predictions + ": row " + k + " has id " + r.getLong(0) + " (ids must be 0..n-1)", null);
                }
                labels += r.getInt(1) == ((Number) w.get("label")).intValue() ? 1 : 0;
                heads += r.getInt(2) == ((Number) w.get("exit_head")).intValue() ? 1 : 0;
                float diff = Math.abs(r.getFloat(3) - ((Number) w.get("confidence")).floatValue());
                exact += diff == 0 ? 1 : 0;
                maxDiff = Math.max(maxDiff, diff);
            }
            System.out.printf("%,d rows: labels identical on %,d, exit heads on %,d, confidences bit for bit on %,d (max difference %.3g)%n",
                    got.size(), labels, heads, exact, maxDiff);
            if (labels != got.size() || heads != got.size() || maxDiff > 1e-5f) {
                throw ZeroWasteException.failure("the predictions differ from " + expected, null);
            }
        } finally {
            spark.stop();
        }
        return SparkCli.OK;
    }
}
