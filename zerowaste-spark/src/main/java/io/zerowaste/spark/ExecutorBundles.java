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
 * The bundles loaded in this JVM (an executor, or the driver in local mode), by content hash: loaded once however
 * many tasks and jobs use them, and closed when the JVM exits. The loaded model is only read by the tasks, each of
 * which makes its own predictor (predictors are not thread-safe).
 */
public final class ExecutorBundles {

    private record Entry(ExitsBundle.Loaded bundle, NDManager manager, Path tempDir) {}

    private static final Map<String, Entry> LOADED = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorBundles::closeAll, "zerowaste-bundles-close"));
    }

    private ExecutorBundles() {}

    /** The bundle {@code ref}, loaded on first use in this JVM. */
    public static ExitsBundle.Loaded get(BundleRef ref) {
        return LOADED.computeIfAbsent(ref.contentHash(), h -> load(ref)).bundle();
    }

    /** How many times this JVM loaded a bundle (a test checks tasks and jobs share one load). */
    public static int loads() {
        return LOADS.get();
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
            LOADS.incrementAndGet();
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
