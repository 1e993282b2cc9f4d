package io.zerowaste.cli;

import io.zerowaste.core.result.Table;
import java.util.Map;

/** The glimpse tables the CLI prints from a run's metrics. */
final class GlimpseTables {

    private GlimpseTables() {}

    /** Per policy: test accuracy after 1, 2, 4 and 8 glimpses, on the full image, and the pixels needed to come within 1 point. */
    @SuppressWarnings("unchecked")
    static String policies(Map<String, Object> metrics) {
        Map<String, Object> policies = (Map<String, Object>) metrics.get("policies");
        Table t = new Table("policy", "1 glimpse", "2", "4", "8", "full image", "pixels % for full-1");
        for (Map.Entry<String, Object> e : policies.entrySet()) {
            Map<String, Object> m = (Map<String, Object>) e.getValue();
            double[] acc = m.get("accuracy_by_glimpses") instanceof double[] a ? a : new double[0];
            Object[] row = new Object[7];
            row[0] = e.getKey();
            int[] at = {1, 2, 4, 8};
            for (int k = 0; k < 4; k++) {
                row[k + 1] = at[k] <= acc.length ? Table.pct(acc[at[k] - 1]) : null;
            }
            row[5] = Table.pct(((Number) m.get("full_image_accuracy")).doubleValue());
            row[6] = m.get("pixel_fraction_for_full_minus_1") instanceof Number px ? Table.pct(px.doubleValue()) : null;
            t.row(row);
        }
        return "test accuracy % after N glimpses; pixels seen with the stop rule to come within 1 point of full image\n" + t;
    }
}
