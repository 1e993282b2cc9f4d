package io.zerowaste.cli;

import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.result.ResultEnvelope;
import io.zerowaste.exits.app.ExitChoiceOptions;
import io.zerowaste.exits.app.ExitsEvaluation;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code zerowaste exits eval}: an exits bundle on any IDX folder, at one chosen setting. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate an exits bundle on any IDX folder: sweep, budget table and one chosen setting.")
final class ExitsEvalCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "An exits bundle (RUN_DIR/ztw, …).")
    Path model;

    @Mixin
    DataOptions data;

    @Mixin
    ExitChoiceOptions choice;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write results.json (default: BUNDLE/../eval-<method>-<data>).")
    Path out;

    @Mixin
    PrecisionOption precision;

    @Override
    public Integer call() {
        Dataset d = data.loadFor(model);
        ExitsEvaluation.Choice c = choice.toChoice();
        Path dir = out != null ? out : model.toAbsolutePath().getParent().resolve("eval-" + model.getFileName() + "-" + d.name());
        ExitsEvaluation.Outcome o = ExitsEvaluation.run(model, d, c, dir, precision.forBundle(model));
        Console.out(ExitsTables.budgetTable(o.result().metrics()) + "\n" + ExitsTables.chosen(o) + "\nresults: "
                + dir.resolve(ResultEnvelope.FILE_NAME) + "\n" + Reports.writeNextTo(dir));
        return ZeroWasteCli.OK;
    }
}
