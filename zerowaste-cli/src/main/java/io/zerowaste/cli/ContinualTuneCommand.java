package io.zerowaste.cli;

import io.zerowaste.continual.app.ContinualTuning;
import io.zerowaste.core.result.Table;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code zerowaste continual tune}: choose one setting of one strategy on the experiences' validation sets. */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = "Run one strategy once per value of one setting and choose the value with the best final average accuracy "
                + "on the experiences' validation sets (a seeded 1/12 of each experience's training images); test accuracy is "
                + "printed beside it, never used to choose. Writes OUT/<param>=<value>/ runs and OUT/tuning.json.")
final class ContinualTuneCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Mixin
    ContinualOptions options;

    @Option(names = "--strategy", required = true, paramLabel = "S", description = "The strategy to tune, e.g. ewc.")
    String strategy;

    @Option(names = "--param", required = true, paramLabel = "P",
            description = "The setting: lr, epochs, cumulative-epochs, memory, ewc-lambda, ewc-gamma, lwf-lambda or experts.")
    String param;

    @Option(names = "--values", required = true, split = ",", paramLabel = "V", description = "Two or more values to try, e.g. 10,100,1000.")
    List<String> values;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the trials (default: ${DEFAULT-VALUE}); rerun to resume.")
    Path out = Path.of("runs/continual-tune");

    @Mixin
    PrecisionOption precision;

    @Override
    public Integer call() {
        ContinualTuning.Outcome o = ContinualTuning.tune(data.load(), options.toConfig(), strategy, param, values, out,
                List.of(new ProgressBarHook()), Console::info, precision.forModelWithBf16Form());
        Table t = new Table(param, "validation final acc %", "test final acc %", "chosen");
        for (ContinualTuning.Trial trial : o.trials()) {
            t.row(trial.value(), pct(trial.validationAccuracy()), pct(trial.testAccuracy()), trial.failure() != null ? "diverged" : trial.value().equals(o.chosen()) ? "<-" : "");
        }
        Console.out(strategy + ": --" + param + " chosen on validation\n" + t);
        Console.out("tuning: " + out.resolve(ContinualTuning.FILE_NAME));
        return ZeroWasteCli.OK;
    }

    private static String pct(Double v) {
        return v == null ? null : Table.pct(v);
    }
}
