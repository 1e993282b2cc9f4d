package io.zerowaste.cli;

import io.zerowaste.core.result.GlimpseMetrics;
import io.zerowaste.core.result.PolicyMetrics;
import io.zerowaste.core.result.Table;
import java.util.List;
import java.util.Map;

/** The glimpse tables the CLI prints from a run's typed metrics. */
final class GlimpseTables {

    private static final int[] AT = {1, 2, 4, 8};

    private GlimpseTables() {}

    /**
     * Per policy: accuracy after 1, 2, 4 and 8 glimpses from the data-driven start and from the policy's own fixed
     * start, the reconstruction RMSE after 8, the full image, and the stop rule's pixels for full − 1 point.
     */
    static String policies(GlimpseMetrics metrics) {
        Table t = new Table("policy", "start", "1 glimpse", "2", "4", "8", "RMSE @8", "full image", "pixels % for full-1",
                "else full image");
        for (Map.Entry<String, PolicyMetrics> e : metrics.policies().entrySet()) {
            PolicyMetrics m = e.getValue();
            t.row(row(e.getKey(), m.startPosition() == null ? "random" : "data", m.accuracyByGlimpses(), m.reconstructionRmseByGlimpses(),
                    m.fullImageAccuracy(), m.pixelFractionForFullMinus1(), m.fallbackPixelFractionForFullMinus1()));
            if (m.fixedStartAccuracyByGlimpses() != null) {
                t.row(row(e.getKey(), "fixed", m.fixedStartAccuracyByGlimpses(), m.fixedStartReconstructionRmseByGlimpses(), m.fullImageAccuracy(),
                        null, null));
            }
        }
        return "test accuracy % after N glimpses (one model, every policy); pixels seen with the stop rule to come within 1 point of full image"
                + " (stopping at the last glimpse, or else answering the unsure from the full image)\n" + t;
    }

    private static Object[] row(String name, String start, List<Double> acc, List<Double> rmse, double full, Double pixels, Double fallback) {
        Object[] row = new Object[10];
        row[0] = name;
        row[1] = start;
        for (int k = 0; k < AT.length; k++) {
            row[k + 2] = AT[k] <= acc.size() ? Table.pct(acc.get(AT[k] - 1)) : null;
        }
        row[6] = rmse == null || rmse.isEmpty() ? null : String.format(java.util.Locale.ROOT, "%.4f", rmse.get(Math.min(8, rmse.size()) - 1));
        row[7] = Table.pct(full);
        row[8] = pixels == null ? null : Table.pct(pixels);
        row[9] = fallback == null ? null : Table.pct(fallback);
        return row;
    }

    /** Encoder MACs per glimpse count and measured throughput; empty for results written before issue 23. */
    static String compute(GlimpseMetrics m) {
        if (m.encoderMacsByGlimpses() == null) {
            return "";
        }
        Table t = new Table("glimpses", "encoder MACs", "images/s");
        List<Long> macs = m.encoderMacsByGlimpses();
        for (int k = 1; k <= macs.size(); k++) {
            Double speed = m.evalImagesPerSecond() == null ? null : m.evalImagesPerSecond().get(String.valueOf(k));
            t.row(k, macs.get(k - 1), speed == null ? null : String.format(java.util.Locale.ROOT, "%.0f", speed));
        }
        Double full = m.evalImagesPerSecond() == null ? null : m.evalImagesPerSecond().get("full");
        t.row("full", m.encoderMacsFullImage(), full == null ? null : String.format(java.util.Locale.ROOT, "%.0f", full));
        return "encoder + classifier cost per image (decoder: " + m.decoderMacs() + " MACs, only for reconstruction and entropy); trained "
                + m.stepsDone() + " of " + m.stepsBudget() + " steps" + (Boolean.TRUE.equals(m.stoppedEarly()) ? " (stopped early)" : "")
                + " in " + String.format(java.util.Locale.ROOT, "%.0f s", m.trainSeconds()) + "\n" + t;
    }
}
