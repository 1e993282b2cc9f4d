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
@Command(name = "continual", mixinStandardHelpOptions = true, description = "Reuse knowledge: continual learning.",
        subcommands = {ContinualCommand.Run.class})
final class ContinualCommand {

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run every chosen strategy on the same scenario, network, epochs and seed; print each accuracy matrix "
                    + "and a summary; write RUN_DIR/results.json and a checkpoint per strategy after every experience.")
    static final class Run implements Callable<Integer> {

        private static final ContinualConfig D = ContinualConfig.defaults();

        @Mixin
        DataOptions data;

        @Option(names = "--scenario", paramLabel = "S", description = "class-il, task-il or domain-il (default: ${DEFAULT-VALUE}).")
        String scenario = D.scenario();

        @Option(names = "--experiences", paramLabel = "T", description = "Number of experiences (default: ${DEFAULT-VALUE}).")
        int experiences = D.experiences();

        @Option(names = "--strategies", split = ",", paramLabel = "S",
                description = "Any of finetune, scratch, cumulative, ewc, lwf, replay, seed (default: all).")
        List<String> strategies = D.strategies();

        @Option(names = "--backbone", paramLabel = "NET", description = "mlp, cnn or resnet14 (default: ${DEFAULT-VALUE}).")
        String backbone = D.backbone();

        @Option(names = "--epochs", paramLabel = "E", description = "Epochs per experience (default: ${DEFAULT-VALUE}).")
        int epochs = D.epochs();

        @Option(names = "--cumulative-epochs", paramLabel = "E",
                description = "Epochs per later experience for cumulative, which starts from the previous weights (default: ${DEFAULT-VALUE}).")
        int cumulativeEpochs = D.cumulativeEpochs();

        @Option(names = "--lr", paramLabel = "LR", description = "Peak learning rate of each experience's one-cycle schedule (default: ${DEFAULT-VALUE}).")
        double lr = D.learningRate();

        @Option(names = "--memory", paramLabel = "M", description = "Replay memory size in samples (default: ${DEFAULT-VALUE}).")
        int memory = D.memory();

        @Option(names = "--ewc-lambda", paramLabel = "L", description = "EWC penalty weight λ (default: ${DEFAULT-VALUE}).")
        double ewcLambda = D.ewcLambda();

        @Option(names = "--ewc-gamma", paramLabel = "G",
                description = "Online EWC's decay of the accumulated Fisher per experience, in (0, 1]; 1 sums them (default: ${DEFAULT-VALUE}).")
        double ewcGamma = D.ewcGamma();

        @Option(names = "--lwf-lambda", paramLabel = "L", description = "LwF distillation weight λ (default: ${DEFAULT-VALUE}).")
        double lwfLambda = D.lwfLambda();

        @Option(names = "--experts", paramLabel = "K", description = "SEED's number of experts (default: ${DEFAULT-VALUE}).")
        int experts = D.experts();

        @Option(names = "--seed", paramLabel = "S", description = "Root seed (default: ${DEFAULT-VALUE}).")
        long seed = D.seed();

        @Option(names = "--train-limit", paramLabel = "N", description = "Use only the first N training images (0 = all).")
        int trainLimit;

        @Option(names = "--resume", description = "Continue an interrupted run in RUN_DIR from the last finished experience (same options).")
        boolean resume;

        @Option(names = "--out", paramLabel = "RUN_DIR", description = "Run folder (default: ${DEFAULT-VALUE}).")
        Path out = Path.of("runs/continual");

        @Override
        public Integer call() {
            ContinualConfig cfg = D.toBuilder().optScenario(scenario).optExperiences(experiences).optStrategies(strategies)
                    .optBackbone(backbone).optEpochs(epochs).optCumulativeEpochs(cumulativeEpochs).optLearningRate(lr).optMemory(memory)
                    .optEwcLambda(ewcLambda).optEwcGamma(ewcGamma).optLwfLambda(lwfLambda).optExperts(experts).optSeed(seed)
                    .optTrainLimit(trainLimit).build();
            ContinualRun.Outcome o = ContinualRun.run(data.load(), cfg, out, resume, List.of(new ProgressBarHook()), Console::info);
            boolean taskIl = "task-il".equals(cfg.scenario());
            for (Map.Entry<String, StrategyProgress> e : o.progress().entrySet()) {
                Console.out(ContinualSummary.matrixTable(e.getKey(), e.getValue().matrix()));
                if (taskIl) {
                    Console.out(ContinualSummary.matrixTable(e.getKey() + " (task-aware)", e.getValue().taskAwareMatrix()));
                }
            }
            Console.out(ContinualSummary.summaryTable(o.result().metrics(), taskIl));
            Console.out("results: " + out.resolve(ResultEnvelope.FILE_NAME));
            Console.out(Reports.writeNextTo(out));
            return ZeroWasteCli.OK;
        }
    }
}
