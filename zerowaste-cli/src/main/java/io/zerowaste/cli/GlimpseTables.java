package io.zerowaste.cli;

import io.zerowaste.core.result.GlimpseMetrics;
import io.zerowaste.core.result.PolicyMetrics;
import io.zerowaste.core.result.Table;
import java.util.List;
import java.util.Map;

/** The glimpse tables the CLI prints from a run's typed metrics. */
final class GlimpseTables {

    private GlimpseTables() {}

    /** Accuracy after 1, 2, 4 and 8 glimpses per policy, on the full image, and the stop rule's pixels for full − 1 point. */
    static String policies(GlimpseMetrics metrics) {
        Table t = new Table("policy", "1 glimpse", "2", "4", "8", "full image", "pixels % for full-1");
        for (Map.Entry<String, PolicyMetrics> e : metrics.policies().entrySet()) {
            PolicyMetrics m = e.getValue();
            List<Double> acc = m.accuracyByGlimpses();
            Object[] row = new Object[7];
            row[0] = e.getKey();
            int[] at = {1, 2, 4, 8};
            for (int k = 0; k < 4; k++) {
                row[k + 1] = at[k] <= acc.size() ? Table.pct(acc.get(at[k] - 1)) : null;
            }
            row[5] = Table.pct(m.fullImageAccuracy());
            row[6] = m.pixelFractionForFullMinus1() == null ? null : Table.pct(m.pixelFractionForFullMinus1());
            t.row(row);
        }
        return "test accuracy % after N glimpses; pixels seen with the stop rule to come within 1 point of full image\n" + t;
    }
}
