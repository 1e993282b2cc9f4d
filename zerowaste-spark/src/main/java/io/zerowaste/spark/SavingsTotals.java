package io.zerowaste.spark;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.zerowaste.exits.app.ExitsBundle;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a prediction job spent: images, MACs spent against the MACs the plain backbone would have spent, and how
 * many images left at each exit. Computed by an aggregate over the predictions (not accumulators), so a retried
 * task is counted once: Spark keeps only one successful attempt's output.
 *
 * @param exitsPerHead images that left at each exit (the last is the backbone's own classifier)
 */
public record SavingsTotals(long images, double macsSpent, double backboneMacs, long[] exitsPerHead) {

    /** MACs spent as a fraction of the plain backbone's. */
    public double costFraction() {
        return backboneMacs == 0 ? 0 : macsSpent / backboneMacs;
    }

    /** The totals of {@code predictions} (a {@link ZeroWasteSpark#predict} result, or the Parquet it wrote). */
    static SavingsTotals of(Dataset<Row> predictions, ExitsBundle.Loaded b) {
        double[] cost = b.model().exitCostFractions();
        double perImage = ((Number) b.manifest().macs().get("total")).doubleValue();
        List<Row> byHead = predictions.groupBy("exit_head").agg(count(lit(1))).collectAsList();
        long[] exits = new long[cost.length];
        long images = 0;
        double spent = 0;
        for (Row r : byHead) {
            int head = r.getInt(0);
            long n = r.getLong(1);
            exits[head] += n;
            images += n;
            spent += n * cost[head] * perImage;
        }
        return new SavingsTotals(images, spent, images * perImage, exits);
    }

    /** One line per figure, for the CLI. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("images: %,d%n", images));
        sb.append(String.format("MACs spent: %.4g of %.4g for the plain backbone (%.1f %%, %.1f %% saved)%n", macsSpent,
                backboneMacs, 100 * costFraction(), 100 * (1 - costFraction())));
        sb.append("exits per head:");
        for (int h = 0; h < exitsPerHead.length; h++) {
            sb.append(' ').append(h == exitsPerHead.length - 1 ? "final" : Integer.toString(h)).append('=').append(exitsPerHead[h]);
        }
        return sb.toString();
    }
}
