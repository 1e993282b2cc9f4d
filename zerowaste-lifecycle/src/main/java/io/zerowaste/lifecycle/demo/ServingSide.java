package io.zerowaste.lifecycle.demo;

import io.zerowaste.core.data.ImageSet;
import io.zerowaste.core.result.LifecycleServing;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The serving half of the lifecycle demo, behind one small interface because this module never depends on the
 * server (DESIGN §12): the CLI implements it with {@code serve}'s model-folder server and a load generator.
 * The demo writes each version into the served folder (atomically); the server finds it and swaps.
 */
public interface ServingSide extends AutoCloseable {

    /** Serves the newest version in {@code modelDir} and starts the load, whose requests carry {@code requests}' images. */
    void start(Path modelDir, ImageSet requests);

    /** Waits (at most {@code timeout}) until the server has tried version {@code name}, and reports what clients saw meanwhile. */
    Swap awaitSwap(String name, Duration timeout);

    /** Stops the load and sums up what it saw over the whole run. */
    LifecycleServing finish();

    @Override
    void close();

    /**
     * One swap: whether the version was swapped in (else {@code error}), how long loading, warming and swapping took,
     * and the status codes ("error": transport errors) and p99 latency of the requests answered meanwhile.
     */
    record Swap(boolean ok, String error, double seconds, Map<String, Long> status, double p99Ms) {}

    /** No server: the demo only trains and updates (for library callers and tests). */
    static ServingSide none() {
        return new ServingSide() {
            @Override
            public void start(Path modelDir, ImageSet requests) {}

            @Override
            public Swap awaitSwap(String name, Duration timeout) {
                return null;
            }

            @Override
            public LifecycleServing finish() {
                return null;
            }

            @Override
            public void close() {}
        };
    }
}
