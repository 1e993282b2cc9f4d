package io.zerowaste.cli;

import io.zerowaste.continual.app.ContinualRun;
import io.zerowaste.continual.app.ContinualSummary;
import io.zerowaste.continual.app.StrategyProgress;
import io.zerowaste.core.config.ContinualConfig;
import io.zerowaste.core.result.ResultEnvelope;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code zerowaste continual run}: learn a sequence of experiences with several strategies and compare them. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run every chosen strategy on the same scenario, network, epochs and seed; print each accuracy matrix "
                + "and a summary; write RUN_DIR/results.json and a checkpoint per strategy after every experience.")
final class ContinualRunCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Mixin
    ContinualOptions options;

    @Option(names = "--resume", description = "Continue an interrupted run in RUN_DIR from the last finished experience (same options).")
    boolean resume;

    @Mixin
    RunDirOption out = new RunDirOption("runs/continual");

    @Mixin
    PrecisionOption precision;

    @Override
    public Integer call() {
        ContinualConfig cfg = options.toConfig();
        Path dir = out.path();
        ContinualRun.Outcome o = ContinualRun.run(data.load(), cfg, dir, resume, List.of(new ProgressBarHook()), Console::info,
                precision.forModelWithBf16Form());
        boolean taskIl = "task-il".equals(cfg.scenario());
        for (Map.Entry<String, StrategyProgress> e : o.progress().entrySet()) {
            Console.out(ContinualSummary.matrixTable(e.getKey(), e.getValue().matrix()));
            if (taskIl) {
                Console.out(ContinualSummary.matrixTable(e.getKey() + " (task-aware)", e.getValue().taskAwareMatrix()));
            }
        }
        Console.out(ContinualSummary.summaryTable(o.result().metrics(), taskIl));
        Console.out("results: " + dir.resolve(ResultEnvelope.FILE_NAME));
        Console.out(Reports.writeNextTo(dir));
        return ZeroWasteCli.OK;
    }
}
