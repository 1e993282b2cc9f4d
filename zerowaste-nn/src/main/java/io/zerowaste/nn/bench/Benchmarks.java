package io.zerowaste.nn.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.zerowaste.core.config.TrainConfig;
import io.zerowaste.nn.engine.Engines;
import io.zerowaste.nn.engine.Precision;
import io.zerowaste.nn.model.ArchitectureSpec;
import io.zerowaste.nn.model.InferenceStages;
import io.zerowaste.nn.model.StagedBackbone;
import io.zerowaste.nn.train.Losses;
import io.zerowaste.nn.train.Optimizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Throughput of the backbone on synthetic 28×28 input, measured the way the PyTorch-Python yardstick
 * (shared/peers/bench_resnet14.py) measures it: warm-up steps, then timed steps; no data loading.
 */
public final class Benchmarks {

    public static final ArchitectureSpec RESNET14_28 = new ArchitectureSpec(ArchitectureSpec.RESNET14, 1, 28, 28, 10);

    /** Training samples/s and the process's peak resident memory. */
    public record TrainFigures(int batch, int steps, double samplesPerSecond, long peakRssBytes) {}

    private Benchmarks() {}

    public static TrainFigures train(int steps, int batch, int warmup) {
        return train(steps, batch, warmup, Precision.FP32);
    }

    /**
     * Training samples/s with the backbone's convolutions in {@code precision}: fp32 is the path of before
     * (N×C×H×W); bf16 is mixed precision in channels-last order ({@link StagedBackbone#setTrainingPrecision}).
     */
    public static TrainFigures train(int steps, int batch, int warmup, Precision precision) {
        Engines.pytorch();
        Engines.seed(0);
        try (NDManager manager = NDManager.newBaseManager()) {
            StagedBackbone model = RESNET14_28.build();
            model.initialize(manager, DataType.FLOAT32, RESNET14_28.inputShape());
            model.setTrainingPrecision(precision);
            List<Parameter> params = new ArrayList<>();
            model.getParameters().values().forEach(p -> {
                if (p.requiresGradient()) {
                    params.add(p);
                }
            });
            Optimizer opt = Optimizer.create(TrainConfig.defaults(), params, manager);
            NDArray x = manager.randomNormal(new Shape(batch, 1, 28, 28));
            NDArray y = manager.randomInteger(0, 10, new Shape(batch), DataType.INT32);
            ParameterStore ps = new ParameterStore(manager, false);
            long start = 0;
            for (int s = 0; s < warmup + steps; s++) {
                if (s == warmup) {
                    start = System.nanoTime();
                }
                try (NDScope scope = new NDScope()) {
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray loss = Losses.crossEntropy(model.forward(ps, new NDList(x), true).singletonOrThrow(), y);
                        gc.backward(loss);
                    }
                    opt.step(0.05f);
                }
            }
            double secs = (System.nanoTime() - start) / 1e9;
            opt.close();
            return new TrainFigures(batch, steps, steps * (double) batch / secs, peakRss());
        }
    }

    /**
     * Inference samples/s at each batch size of the backbone's inference form in {@code precision} (BN folded,
     * channels-last; bf16 in scripted functions); fp32 is {@link #infer(int[])}'s forward pass unchanged.
     */
    public static Map<Integer, Double> infer(int[] batches, Precision precision) {
        if (precision == Precision.FP32) {
            return infer(batches);
        }
        return inferForm(batches, precision);
    }

    /** Inference samples/s at each batch size of the backbone's inference form in {@code precision}. */
    public static Map<Integer, Double> inferForm(int[] batches, Precision precision) {
        Engines.pytorch();
        Engines.seed(0);
        Map<Integer, Double> out = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            StagedBackbone model = RESNET14_28.build();
            model.initialize(manager, DataType.FLOAT32, RESNET14_28.inputShape());
            InferenceStages form = model.inferenceStages(manager, precision);
            for (int bs : batches) {
                NDArray x = manager.randomNormal(new Shape(bs, RESNET14_28.channels(), RESNET14_28.height(), RESNET14_28.width()));
                int n = Math.max(20, 2560 / bs);
                long start = 0;
                for (int i = 0; i < n + 3; i++) {
                    if (i == 3) {
                        start = System.nanoTime();
                    }
                    try (NDScope scope = new NDScope()) {
                        form.logits(x).toFloatArray();
                    }
                }
                out.put(bs, n * (double) bs / ((System.nanoTime() - start) / 1e9));
            }
        }
        return out;
    }

    /** Inference samples/s at each batch size (eval mode, no gradients). */
    public static Map<Integer, Double> infer(int[] batches) {
        Engines.pytorch();
        Engines.seed(0);
        Map<Integer, Double> out = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            StagedBackbone model = RESNET14_28.build();
            model.initialize(manager, DataType.FLOAT32, RESNET14_28.inputShape());
            ParameterStore ps = new ParameterStore(manager, false);
            for (int bs : batches) {
                NDArray x = manager.randomNormal(new Shape(bs, 1, 28, 28));
                int n = Math.max(20, 2560 / bs);
                long start = 0;
                for (int i = 0; i < n + 3; i++) {
                    if (i == 3) {
                        start = System.nanoTime();
                    }
                    try (NDScope scope = new NDScope()) {
                        model.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
                    }
                }
                out.put(bs, n * (double) bs / ((System.nanoTime() - start) / 1e9));
            }
        }
        return out;
    }

    /** Peak resident set size of this process (VmHWM), or −1 where /proc is unavailable. */
    public static long peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
