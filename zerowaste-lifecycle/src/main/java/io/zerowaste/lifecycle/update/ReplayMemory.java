package io.zerowaste.lifecycle.update;

import io.zerowaste.continual.plugin.ReplayPlugin;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.io.AtomicFiles;
import io.zerowaste.nn.bundle.Lineage;
import io.zerowaste.nn.bundle.ModelBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The replay memory a bundle carries ({@link ReplayPlugin#FILE}, the continual module's own format), so an update
 * needs no earlier data: read only after its size and SHA-256 match the manifest's lineage, written into the
 * bundle's temporary folder with the parameters (so it appears with them, atomically).
 */
public final class ReplayMemory {

    /** Per image: its pixels plus a 4-byte label; the file adds a few bytes per class group. */
    static long maxBytes(int capacity, int pixelsPerImage) {
        return (long) capacity * (pixelsPerImage + 4) + 64L * 1024 + 64L * capacity;
    }

    private ReplayMemory() {}

    /** Loads the parent's memory into {@code plugin}; false when the bundle carries none. */
    public static boolean restore(ReplayPlugin plugin, Path bundleDir, Lineage lineage, int pixelsPerImage) {
        if (lineage == null || lineage.memoryFile() == null) {
            return false;
        }
        if (!ReplayPlugin.FILE.equals(lineage.memoryFile())) {
            throw ZeroWasteException.badInput("corrupt bundle " + bundleDir + ": the manifest names the replay memory '" + lineage.memoryFile()
                    + "' (expected " + ReplayPlugin.FILE + ")");
        }
        long bound = maxBytes(Math.max(lineage.memoryCapacity(), lineage.memorySamples()), pixelsPerImage);
        ModelBundle.readChecked(bundleDir, lineage.memoryFile(), lineage.memorySha256(), bound);
        try {
            plugin.restore(bundleDir, null);
        } catch (IOException | RuntimeException e) {
            throw ZeroWasteException.badInput("corrupt bundle " + bundleDir + ": its replay memory cannot be read (" + e.getMessage() + ")");
        }
        return true;
    }

    /** The memory's bytes in the continual module's format. */
    public static byte[] bytes(ReplayPlugin plugin) {
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("zerowaste-memory-");
            plugin.save(tmp);
            return Files.readAllBytes(tmp.resolve(ReplayPlugin.FILE));
        } catch (IOException e) {
            throw ZeroWasteException.failure("cannot serialise the replay memory: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                AtomicFiles.deleteRecursively(tmp);
            }
        }
    }
}
