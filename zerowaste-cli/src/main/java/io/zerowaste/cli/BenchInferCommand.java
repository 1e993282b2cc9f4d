package io.zerowaste.cli;

import io.zerowaste.core.result.Table;
import io.zerowaste.nn.bench.Benchmarks;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code zerowaste bench infer}: inference throughput on synthetic input. */
@Command(name = "infer", mixinStandardHelpOptions = true,
        description = "ResNet-14 inference samples/s at batch 1, 32 and 256 on synthetic input.")
final class BenchInferCommand implements Callable<Integer> {

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
