package io.zerowaste.spark;

import ai.djl.ndarray.NDManager;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.io.AtomicFiles;
import io.zerowaste.exits.app.ExitsBundle;
import io.zerowaste.nn.engine.Engines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bundles loaded in this JVM (an executor, or the driver in local mode), by content hash and precision: loaded
 * once however many tasks and jobs use them, set to their precision before any task runs them, and closed when the
 * JVM exits. The loaded model is only read by the tasks, each of which makes its own predictor (predictors are not
 * thread-safe).
 */
public final class ExecutorBundles {

    private record Entry(ExitsBundle.Loaded bundle, NDManager manager, Path tempDir) {}

    private static final Map<String, Entry> LOADED = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();
    private static final Map<String, AtomicInteger> LOADS_BY_KEY = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorBundles::closeAll, "zerowaste-bundles-close"));
    }

    private ExecutorBundles() {}

    /** The bundle {@code ref}, loaded in its precision on first use in this JVM. */
    public static ExitsBundle.Loaded get(BundleRef ref) {
        return LOADED.computeIfAbsent(ref.cacheKey(), h -> load(ref)).bundle();
    }

    /** How many times this JVM loaded a bundle. */
    public static int loads() {
        return LOADS.get();
    }

    /** How many times this JVM loaded {@code ref} in its precision (a test checks tasks and jobs share one load). */
    public static int loads(BundleRef ref) {
        AtomicInteger n = LOADS_BY_KEY.get(ref.cacheKey());
        return n == null ? 0 : n.get();
    }

    private static Entry load(BundleRef ref) {
        Engines.pytorch();
        Path dir = ref.sharedPath() != null ? Path.of(ref.sharedPath()) : null;
        Path temp = null;
        if (dir == null) {
            temp = materialize(ref);
            dir = temp;
        }
        NDManager manager = NDManager.newBaseManager();
        try {
            ExitsBundle.Loaded b = ExitsBundle.read(dir, manager);
            b.model().setPrecision(ref.precision()); // before any task: the inference forms are made in it on first use
            LOADS.incrementAndGet();
            LOADS_BY_KEY.computeIfAbsent(ref.cacheKey(), k -> new AtomicInteger()).incrementAndGet();
            return new Entry(b, manager, temp);
        } catch (RuntimeException e) {
            manager.close();
            if (temp != null) {
                AtomicFiles.deleteRecursively(temp);
            }
            throw e;
        }
    }

    /** Writes the shipped files once into a fresh temporary folder of this JVM. */
    private static Path materialize(BundleRef ref) {
        try {
            Path dir = Files.createTempDirectory("zerowaste-bundle-" + ref.contentHash().substring(0, 12) + "-");
            for (Map.Entry<String, byte[]> f : ref.files().entrySet()) {
                Files.write(dir.resolve(f.getKey()), f.getValue());
            }
            return dir;
        } catch (IOException e) {
            throw ZeroWasteException.failure("cannot write the shipped bundle " + ref.name() + " to a temporary folder: "
                    + e.getMessage() + " (check java.io.tmpdir on the executors has room)", e);
        }
    }

    private static void closeAll() {
        for (Entry e : LOADED.values()) {
            e.manager().close();
            if (e.tempDir() != null) {
                AtomicFiles.deleteRecursively(e.tempDir());
            }
        }
        LOADED.clear();
    }
}
