package io.zerowaste.cli;

import io.zerowaste.core.result.Table;
import io.zerowaste.nn.bench.Benchmarks;
import io.zerowaste.nn.engine.Precision;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code zerowaste bench train}: training throughput on synthetic input. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "ResNet-14 training samples/s on synthetic 28x28 input, and peak memory.")
final class BenchTrainCommand implements Callable<Integer> {

    @Option(names = "--steps", description = "Timed steps (default: ${DEFAULT-VALUE}).")
    int steps = 60;

    @Option(names = "--batch", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch = 128;

    @Option(names = "--warmup", description = "Untimed warm-up steps (default: ${DEFAULT-VALUE}).")
    int warmup = 5;

    @Mixin
    PrecisionOption precision;

    @Override
    public Integer call() {
        Precision p = precision.forArchitecture(Benchmarks.RESNET14_28).precision();
        Benchmarks.TrainFigures f = Benchmarks.train(steps, batch, warmup, p);
        Console.out(new Table("benchmark", "batch", "steps", "samples/s", "peak RSS MiB")
                .row("zerowaste train resnet14" + (p == Precision.BF16 ? " bf16 channels-last" : ""), f.batch(), f.steps(), String.format("%.0f", f.samplesPerSecond()),
                        f.peakRssBytes() < 0 ? null : f.peakRssBytes() >> 20));
        return ZeroWasteCli.OK;
    }
}
