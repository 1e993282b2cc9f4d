package io.zerowaste.report.aggregate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.result.BackboneMetrics;
import io.zerowaste.report.ReportRun;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Mean ± std tables over runs that differ only in their seed: the tables the README shows, made by a command.
 * Refuses runs of different kinds or configurations, since averaging them would mean nothing.
 */
public final class SeedAggregate {

    private static final String MISSING = "—";

    private SeedAggregate() {}

    public static List<AggregateTable> tables(List<ReportRun> runs) {
        checkComparable(runs);
        return switch (runs.get(0).kind()) {
            case "exits" -> ExitsAggregate.tables(runs);
            case "continual" -> ContinualAggregate.tables(runs);
            case "glimpse" -> GlimpseAggregate.tables(runs);
            case "backbone" -> List.of(backbone(runs));
            default -> throw ZeroWasteException.badInput("cannot aggregate runs of kind '" + runs.get(0).kind()
                    + "' (aggregate exits, continual, glimpse or backbone runs)");
        };
    }

    /** Same kind, and the same configuration once the seed is set aside. */
    static void checkComparable(List<ReportRun> runs) {
        if (runs.size() < 2) {
            throw ZeroWasteException.badInput("--aggregate needs two or more runs of one configuration with different seeds");
        }
        ReportRun first = runs.get(0);
        Set<Long> seeds = new LinkedHashSet<>();
        for (ReportRun r : runs) {
            if (!r.kind().equals(first.kind())) {
                throw ZeroWasteException.badInput("cannot aggregate " + first.label() + " (" + first.kind() + ") with " + r.label() + " ("
                        + r.kind() + "): pass runs of one kind");
            }
            String diff = firstDifference(withoutSeed(first.root().path("config")), withoutSeed(r.root().path("config")), "");
            if (diff != null) {
                throw ZeroWasteException.badInput("cannot aggregate " + first.label() + " with " + r.label() + ": their configurations "
                        + "differ in '" + diff + "' (pass runs that differ only in --seed)");
            }
            seeds.add(r.root().path("provenance").path("seed").asLong(r.root().path("config").path("seed").asLong()));
        }
        if (seeds.size() != runs.size()) {
            throw ZeroWasteException.badInput("two of the runs share a seed: each run to aggregate needs its own --seed");
        }
    }

    private static JsonNode withoutSeed(JsonNode config) {
        if (config instanceof ObjectNode o) {
            ObjectNode copy = o.deepCopy();
            copy.remove("seed");
            return copy;
        }
        return config;
    }

    /** The path of the first differing field of two configurations, or null when they are equal. */
    private static String firstDifference(JsonNode a, JsonNode b, String path) {
        if (a.equals(b)) {
            return null;
        }
        if (a.isObject() && b.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                String d = firstDifference(a.path(n), b.path(n), path.isEmpty() ? n : path + "." + n);
                if (d != null) {
                    return d;
                }
            }
        }
        return path.isEmpty() ? "config" : path;
    }

    private static AggregateTable backbone(List<ReportRun> runs) {
        return new AggregateTable("backbone", "backbone test accuracy %, mean ± std over " + runs.size() + " seeds",
                List.of("model", "test accuracy"),
                List.of(List.of("backbone", pct(runs, r -> r.metricsAs(BackboneMetrics.class).testAccuracy()))));
    }

    /** The mean ± std of one figure (a fraction) over the runs, in percent; "—" when a run lacks it. */
    static String pct(List<ReportRun> runs, Function<ReportRun, Double> figure) {
        MeanStd m = MeanStd.of(runs.stream().map(figure).toList());
        return m == null ? MISSING : m.format(100, 2);
    }

    /** The same for a figure shown as it is, with {@code decimals} decimals, after dividing by {@code divisor}. */
    static String plain(List<ReportRun> runs, Function<ReportRun, Double> figure, double divisor, int decimals) {
        MeanStd m = MeanStd.of(runs.stream().map(figure).toList());
        return m == null ? MISSING : m.format(1 / divisor, decimals);
    }
}
