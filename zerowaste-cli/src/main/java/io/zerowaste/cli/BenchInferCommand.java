package io.zerowaste.cli;

import io.zerowaste.core.result.Table;
import io.zerowaste.nn.bench.Benchmarks;
import io.zerowaste.nn.engine.Precision;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code zerowaste bench infer}: inference throughput on synthetic input. */
@Command(name = "infer", mixinStandardHelpOptions = true,
        description = "ResNet-14 inference samples/s at batch 1, 32 and 256 on synthetic input.")
final class BenchInferCommand implements Callable<Integer> {

    @Mixin
    PrecisionOption precision;

    @Override
    public Integer call() {
        int[] batches = {1, 32, 256};
        Precision p = precision.forArchitecture(Benchmarks.RESNET14_28).precision();
        Table t = new Table("benchmark", "batch", "samples/s");
        if (p == Precision.FP32) {
            Benchmarks.infer(batches).forEach((b, s) -> t.row("zerowaste infer resnet14", b, String.format("%.0f", s)));
        } else {
            // the bf16 form beside the fp32 inference form (folded, channels-last) of the same minutes
            Map<Integer, Double> bf16 = Benchmarks.infer(batches, p);
            Map<Integer, Double> fp32 = Benchmarks.inferForm(batches, Precision.FP32);
            bf16.forEach((b, s) -> t.row("zerowaste infer resnet14 bf16", b, String.format("%.0f", s)));
            fp32.forEach((b, s) -> t.row("zerowaste infer resnet14 fp32 inference form", b, String.format("%.0f", s)));
        }
        t.row("peak RSS MiB", "", Benchmarks.peakRss() >> 20);
        Console.out(t);
        return ZeroWasteCli.OK;
    }
}
