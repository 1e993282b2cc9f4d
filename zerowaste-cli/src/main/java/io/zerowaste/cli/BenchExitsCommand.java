package io.zerowaste.cli;

import io.zerowaste.core.result.Table;
import io.zerowaste.exits.app.ExitsBenchmark;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code zerowaste bench exits}: measured against theoretical speedup of dynamic early exits, and where the time goes. */
@Command(name = "exits", mixinStandardHelpOptions = true,
        description = "Wall-clock speedup of dynamic early exits over the plain backbone on the test images, "
                + "next to the theoretical speedup 1 / mean cost fraction.")
final class BenchExitsCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "An exits bundle.")
    Path model;

    @Option(names = "--threshold", paramLabel = "T", description = "Exit threshold (default: the bundle's calibrated one).")
    Double threshold;

    @Option(names = "--batch", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch = 256;

    @Option(names = "--rounds", description = "Timed rounds; the median counts (default: ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() {
        ExitsBenchmark.Figures f = ExitsBenchmark.run(model, data.loadFor(model).test(), threshold, batch, rounds);
        ExitsBenchmark.ExitingRun one = f.exiting();
        ExitsBenchmark.ExitingRun pooled = f.pooled();
        Console.out(new Table("bench exits", String.format("%d test images, batch %d, setting %s", f.samples(), f.batch(), f.param()))
                .row("accuracy % (backbone)", Table.pct(f.accuracy()) + " (" + Table.pct(f.backboneAccuracy()) + ")")
                .row("mean cost fraction", String.format("%.3f", f.meanCostFraction()))
                .row("theoretical speedup", String.format("%.2fx", f.theoreticalSpeedup()))
                .row("backbone seconds", String.format("%.3f", f.backboneSeconds()))
                .row("exiting seconds", String.format("%.3f", one.seconds()))
                .row("measured speedup", String.format("%.2fx", one.speedup()))
                .row("measured / theoretical", String.format("%.2f", one.ratio()))
                .row("pooled exiting seconds", String.format("%.3f", pooled.seconds()))
                .row("pooled speedup", String.format("%.2fx", pooled.speedup()))
                .row("pooled / theoretical", String.format("%.2f", pooled.ratio())));
        Console.out("");
        Console.out(timeTable("one input batch at a time", one.breakdown(), f.batch()));
        Console.out(stagesAloneBound(one.breakdown(), f.theoreticalSpeedup()));
        Console.out("");
        Console.out(timeTable("undecided samples pooled across input batches", pooled.breakdown(), f.batch()));
        Console.out(stagesAloneBound(pooled.breakdown(), f.theoreticalSpeedup()));
        return ZeroWasteCli.OK;
    }

    /** The best speedup the stages alone allow ({@link ExitsBenchmark.Breakdown#stagesAloneSpeedup}), against the theory. */
    static String stagesAloneBound(ExitsBenchmark.Breakdown b, double theoreticalSpeedup) {
        double speedup = b.stagesAloneSpeedup();
        return String.format("stages alone, at the backbone's time per sample: %.2fx = %.2f of theoretical",
                speedup, speedup / theoreticalSpeedup);
    }

    /**
     * Where the time goes: per stage the plain backbone's and the exiting path's milliseconds, and what the
     * exiting path would take if a stage's time were proportional to the samples it runs on; then the
     * exiting path's other phases.
     */
    static Table timeTable(String title, ExitsBenchmark.Breakdown b, int batch) {
        Console.out(title + ":");
        Table t = new Table("ms per input batch of " + batch, "MACs %", "backbone", "exiting", "samples",
                "exiting if time ~ samples");
        double backboneTotal = 0;
        double exitingTotal = b.headsMs() + b.ensemblesMs() + b.decisionsMs() + b.compactionMs() + b.joinsMs();
        double[] proportional = b.proportionalStageMs();
        for (int i = 0; i < b.backboneStageMs().length; i++) {
            backboneTotal += b.backboneStageMs()[i];
            exitingTotal += b.exitingStageMs()[i];
            t.row("stage " + i, String.format("%.1f", 100 * b.stageMacShare()[i]), ms(b.backboneStageMs()[i]),
                    ms(b.exitingStageMs()[i]), String.format("%.1f", b.exitingStageSamples()[i]), ms(proportional[i]));
        }
        t.row("heads", "", "", ms(b.headsMs()), "", "")
                .row("ensembles", "", "", ms(b.ensemblesMs()), "", "")
                .row("exit decisions", "", "", ms(b.decisionsMs()), "", "")
                .row("compaction", "", "", ms(b.compactionMs()), "", "");
        if (b.joinsMs() > 0) {
            t.row("joining input batches", "", "", ms(b.joinsMs()), "", "");
        }
        return t.row("total", "", ms(backboneTotal), ms(exitingTotal), "", ms(Arrays.stream(proportional).sum()));
    }

    private static String ms(double v) {
        return String.format("%.1f", v);
    }
}
