package io.zerowaste.cli;

import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.core.result.LifecycleServing;
import io.zerowaste.exits.app.ExitsEvaluation;
import io.zerowaste.lifecycle.demo.ServingSide;
import io.zerowaste.serve.BundleServing;
import io.zerowaste.serve.ModelDirServer;
import io.zerowaste.serve.ServeConfig;
import io.zerowaste.serve.SwapHistory;
import io.zerowaste.serve.bench.RequestBodies;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The lifecycle demo's serving side: {@code serve --model-dir} in-process on a loopback port (each version at its
 * calibrated threshold), and a {@link LoadTimeline} against it. A swap's window is the server's own account of it:
 * from the start of loading the new version to the moment it answered with it.
 */
final class ServedModelFolder implements ServingSide {

    private final int concurrency;
    private final double rate;
    private ModelDirServer server;
    private LoadTimeline load;
    private final List<long[]> windows = new ArrayList<>();

    ServedModelFolder(int concurrency, double rate) {
        this.concurrency = concurrency;
        this.rate = rate;
    }

    @Override
    public void start(Path modelDir, ImageSet requests) {
        ServeConfig cfg = ServeConfig.defaults().with("127.0.0.1", 0, 64, 5, 1024);
        try {
            server = BundleServing.startModelDir(cfg, modelDir, new BundleServing.Options(new ExitsEvaluation.Stored(), () -> null, null),
                    Duration.ofMillis(500), Console::info);
        } catch (IOException e) {
            throw ZeroWasteException.failure("cannot serve " + modelDir + ": " + e.getMessage(), e);
        }
        load = new LoadTimeline(URI.create("http://127.0.0.1:" + server.port() + "/v1/predict"), RequestBodies.of(requests, 1), concurrency,
                rate);
        load.start();
        Console.info("serving " + modelDir + " on port " + server.port() + "; load: " + concurrency + " in flight at most, "
                + (rate > 0 ? rate + " requests/s" : "closed loop"));
    }

    @Override
    public Swap awaitSwap(String name, Duration timeout) {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (System.currentTimeMillis() < deadline) {
            server.checkNow(); // the watcher usually has it already; this makes it certain
            for (SwapHistory.Event e : server.swapHistory()) {
                if (name.equals(e.to())) {
                    long end = e.at().toEpochMilli();
                    long start = end - (long) (e.seconds() * 1000);
                    windows.add(new long[] {start, end});
                    sleep(500); // answers to requests sent inside the window arrive just after it
                    List<LoadTimeline.Answer> in = load.answers().stream().filter(a -> a.atMs() >= start && a.atMs() <= end).toList();
                    return new Swap(e.ok(), e.error(), e.seconds(), LoadTimeline.byStatus(in), LoadTimeline.percentileMs(in, 99));
                }
            }
            sleep(50);
        }
        throw ZeroWasteException.failure("the server did not try version " + name + " within " + timeout.toSeconds() + " s", null);
    }

    @Override
    public LifecycleServing finish() {
        load.stop();
        List<LoadTimeline.Answer> all = load.answers();
        List<LoadTimeline.Answer> steady = all.stream().filter(a -> !inSwap(a)).toList();
        List<LoadTimeline.Answer> swapping = all.stream().filter(this::inSwap).toList();
        Set<String> served = new HashSet<>();
        server.swapHistory().stream().filter(SwapHistory.Event::ok).forEach(e -> served.add(e.to()));
        long stale = all.stream().filter(a -> a.status().equals("200") && !served.contains(a.version())).count();
        return new LifecycleServing(concurrency, all.size(), LoadTimeline.byStatus(all), LoadTimeline.percentileMs(steady, 50),
                LoadTimeline.percentileMs(steady, 99), LoadTimeline.percentileMs(swapping, 99), stale, "zerowaste serve --model-dir (in-process)");
    }

    private boolean inSwap(LoadTimeline.Answer a) {
        return windows.stream().anyMatch(w -> a.atMs() >= w[0] && a.atMs() <= w[1]);
    }

    @Override
    public void close() {
        if (load != null) {
            load.stop();
        }
        if (server != null) {
            server.stop(5);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
