package io.zerowaste.cli;

import io.zerowaste.core.data.DecodeProgress;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr while an image folder is decoded (called from the decoding threads). */
final class DecodeProgressBar implements DecodeProgress {

    private final boolean terminal = System.console() != null;
    private ProgressBar bar;
    private String split;
    private long start;
    private String finished;

    @Override
    public synchronized void decoded(String name, int done, int total) {
        if (name.equals(finished)) {
            return; // a thread's report that arrives after the last one
        }
        if (bar == null || !name.equals(split)) {
            close();
            split = name;
            start = System.nanoTime();
            bar = new ProgressBarBuilder()
                    .setTaskName("decoding " + name)
                    .setInitialMax(total)
                    .setUnit(" images", 1)
                    .showSpeed()
                    .setStyle(terminal ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(terminal ? 300 : 15_000)
                    .setConsumer(terminal ? new ConsoleProgressBarConsumer(System.err)
                            : new DelegatingProgressBarConsumer(System.err::println, 110))
                    .build();
        }
        bar.stepTo(done);
        if (done == total) {
            close();
            System.err.printf(java.util.Locale.ROOT, "decoded %d %s images in %.1f s%n", total, name, (System.nanoTime() - start) / 1e9);
            finished = name;
        }
    }

    @Override
    public synchronized void note(String line) {
        System.err.println(line);
    }

    private void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
