package io.zerowaste.cli;

import io.zerowaste.core.result.Table;
import io.zerowaste.glimpse.app.GlimpseEvaluation;
import io.zerowaste.glimpse.train.GlimpseEvaluator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code zerowaste glimpse eval}: a glimpse bundle's accuracy after each glimpse and along the stop rule. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Accuracy after each glimpse and, with the stop rule swept, accuracy against the share of pixels seen.")
final class GlimpseEvalCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "A glimpse bundle (RUN_DIR/<policy>).")
    Path model;

    @Mixin
    DataOptions data;

    @Option(names = "--policy", paramLabel = "P", description = "Another policy than the one the model was trained with.")
    String policy;

    @Option(names = "--stop-threshold", paramLabel = "T", description = "Only this stop threshold (default: a sweep).")
    Double stopThreshold;

    @Mixin
    PrecisionOption precision;

    @Override
    public Integer call() {
        GlimpseEvaluation.Outcome o = GlimpseEvaluation.run(model, data.loadFor(model), policy, stopThreshold, precision.forModelWithBf16Form());
        if (o.fullImage()) {
            Console.out("full-image accuracy %: " + Table.pct(o.fullImageAccuracy()));
            return ZeroWasteCli.OK;
        }
        GlimpseEvaluator.Result r = o.result();
        Table t = new Table("glimpses", "accuracy %", "reconstruction RMSE");
        for (int i = 0; i < r.accuracyByGlimpses().length; i++) {
            t.row(i + 1, Table.pct(r.accuracyByGlimpses()[i]), String.format("%.4f", r.rmseByGlimpses()[i]));
        }
        double[] taus = o.thresholds();
        Table s = new Table("stop τ", "accuracy %", "pixels seen %", "else full image: accuracy %", "else full image: pixels %");
        for (int k = 0; k < taus.length; k++) {
            s.row(taus[k], Table.pct(r.stopAccuracy()[k]), Table.pct(r.stopPixelFraction()[k]), Table.pct(r.fallbackAccuracy()[k]),
                    Table.pct(r.fallbackPixelFraction()[k]));
        }
        Console.out("policy " + o.policy() + "\n" + t + "\n" + s);
        return ZeroWasteCli.OK;
    }
}
