package io.zerowaste.cli;

import io.zerowaste.core.result.LifecycleServing;
import io.zerowaste.core.result.LifecycleVersion;
import java.util.Locale;

/** The lifecycle demo's lines: one per version as it is served, and the load's summary. */
final class LifecycleTables {

    private LifecycleTables() {}

    static String header() {
        return String.format(Locale.ROOT, "%-3s %-20s %7s %8s %8s %9s %6s %16s %8s %8s %s", "v", "id", "classes", "acc", "backbone",
                "threshold", "cost", "train MACs", "×scratch", "swap s", "during swap (status: count), p99");
    }

    static String row(LifecycleVersion v) {
        String swap = v.swapSeconds() == null ? "" : String.format(Locale.ROOT, "%8.2f %s, p99 %.0f ms", v.swapSeconds(), v.swapStatus(),
                v.swapP99Ms());
        String scratch = v.scratchAccuracy() == null ? "" : String.format(Locale.ROOT, " [scratch %.2f %%]", 100 * v.scratchAccuracy());
        return String.format(Locale.ROOT, "%-3d %-20s %7d %7.2f%% %7.2f%% %9.4f %6.3f %,16d %8.2f %s%s", v.version(), v.id(), v.classesSeen(),
                100 * v.accuracy(), 100 * v.backboneAccuracy(), v.threshold(), v.costFraction(), v.trainingMacs(), v.macsRatio(), swap, scratch);
    }

    static String serving(LifecycleServing s) {
        if (s == null) {
            return "";
        }
        return String.format(Locale.ROOT, "load: %,d requests, status %s; p50 %.1f ms and p99 %.1f ms steady, p99 %.1f ms during swaps; "
                + "5xx other than 503 and transport errors: %d; answers from a version never swapped in: %d", s.requests(), s.status(),
                s.steadyP50Ms(), s.steadyP99Ms(), s.swapP99Ms(), s.failures(), s.staleAnswers());
    }
}
