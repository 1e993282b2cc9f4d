package io.zerowaste.cli;

import io.zerowaste.core.result.Table;
import io.zerowaste.nn.bench.Benchmarks;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zerowaste bench train|infer}: throughput figures on synthetic input. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print figures.",
        subcommands = {BenchCommand.Train.class, BenchCommand.Infer.class})
final class BenchCommand {

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "ResNet-14 training samples/s on synthetic 28x28 input, and peak memory.")
    static final class Train implements Callable<Integer> {
        @Option(names = "--steps", description = "Timed steps (default: ${DEFAULT-VALUE}).")
        int steps = 60;

        @Option(names = "--batch", description = "Batch size (default: ${DEFAULT-VALUE}).")
        int batch = 128;

        @Option(names = "--warmup", description = "Untimed warm-up steps (default: ${DEFAULT-VALUE}).")
        int warmup = 5;

        @Override
        public Integer call() {
            Benchmarks.TrainFigures f = Benchmarks.train(steps, batch, warmup);
            Console.out(new Table("benchmark", "batch", "steps", "samples/s", "peak RSS MiB")
                    .row("zerowaste train resnet14", f.batch(), f.steps(), String.format("%.0f", f.samplesPerSecond()),
                            f.peakRssBytes() < 0 ? null : f.peakRssBytes() >> 20));
            return ZeroWasteCli.OK;
        }
    }

    @Command(name = "infer", mixinStandardHelpOptions = true,
            description = "ResNet-14 inference samples/s at batch 1, 32 and 256 on synthetic input.")
    static final class Infer implements Callable<Integer> {
        @Override
        public Integer call() {
            Map<Integer, Double> r = Benchmarks.infer(new int[] {1, 32, 256});
            Table t = new Table("benchmark", "batch", "samples/s");
            r.forEach((b, s) -> t.row("zerowaste infer resnet14", b, String.format("%.0f", s)));
            t.row("peak RSS MiB", "", Benchmarks.peakRss() >> 20);
            Console.out(t);
            return ZeroWasteCli.OK;
        }
    }
}
