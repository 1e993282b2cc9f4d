package io.zerowaste.cli;

import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.result.ResultEnvelope;
import io.zerowaste.core.result.Table;
import io.zerowaste.nn.app.BundleEvaluation;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code zerowaste eval}: a bundle's accuracy on the test images of any IDX folder. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a model bundle on the test images (t10k-*) of an IDX folder; writes results.json.")
final class EvalCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "Model bundle folder (RUN_DIR/model).")
    Path model;

    @Mixin
    DataOptions data;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write results.json (default: BUNDLE/../eval-<data folder name>).")
    Path out;

    @Override
    public Integer call() {
        Dataset d = data.loadFor(model);
        Path dir = out != null ? out : model.toAbsolutePath().getParent().resolve("eval-" + d.name());
        BundleEvaluation.Outcome o = BundleEvaluation.run(model, d, dir);
        Table t = new Table("class", "name", "accuracy %");
        for (int c = 0; c < o.perClassAccuracy().size(); c++) {
            double a = o.perClassAccuracy().get(c);
            t.row(c, c < d.classNames().size() ? d.classNames().get(c) : "", Double.isNaN(a) ? null : Table.pct(a));
        }
        Console.out(t + "\n" + new Table("test accuracy %", Table.pct(o.accuracy()))
                .row("samples", o.samples())
                .row("results", dir.resolve(ResultEnvelope.FILE_NAME)) + "\n" + Reports.writeNextTo(dir));
        return ZeroWasteCli.OK;
    }
}
