package io.zerowaste.cli;

import io.zerowaste.nn.train.TrainingHook;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar per epoch on stderr: samples done, samples/s, ETA, and the running loss. Without a
 * terminal (CI logs) it prints a plain line every 15 seconds instead of redrawing.
 */
final class ProgressBarHook implements TrainingHook {

    private final PrintStream err = System.err;
    private final boolean terminal = System.console() != null;
    private ProgressBar bar;
    private int samplesPerEpoch;
    private double lossEma = Double.NaN;

    @Override
    public void onTrainStart(TrainStartEvent e) {
        samplesPerEpoch = e.samplesPerEpoch();
        if (e.startEpoch() > 0) {
            err.println("resuming after epoch " + e.startEpoch() + " of " + e.epochs());
        }
    }

    @Override
    public void onStepEnd(StepEvent e) {
        if (bar == null) {
            bar = new ProgressBarBuilder()
                    .setTaskName(String.format("epoch %d", e.epoch() + 1))
                    .setInitialMax(samplesPerEpoch)
                    .setUnit(" samples", 1)
                    .showSpeed()
                    .setStyle(terminal ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(terminal ? 300 : 15_000)
                    .setConsumer(terminal ? new ConsoleProgressBarConsumer(err)
                            : new DelegatingProgressBarConsumer(err::println, 110))
                    .build();
        }
        lossEma = Double.isNaN(lossEma) ? e.loss() : 0.95 * lossEma + 0.05 * e.loss();
        bar.stepBy(e.batchSize());
        bar.setExtraMessage(String.format(" loss %.4f lr %.4f", lossEma, e.learningRate()));
    }

    @Override
    public void onEpochEnd(EpochEvent e) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        // NaN: nothing was validated this epoch (continual experiences probe only where a metric needs it)
        String val = Double.isNaN(e.valAccuracy()) ? "" : String.format(java.util.Locale.ROOT, ", val accuracy %.2f %%", 100 * e.valAccuracy());
        err.printf(java.util.Locale.ROOT, "epoch %d/%d: train loss %.4f%s, %.1f s%n", e.epoch() + 1, e.epochs(), e.trainLoss(), val,
                e.epochSeconds());
    }
}
