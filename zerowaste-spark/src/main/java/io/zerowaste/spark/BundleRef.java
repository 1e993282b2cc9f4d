package io.zerowaste.spark;

import ai.djl.ndarray.NDManager;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.exits.app.ExitsBundle;
import io.zerowaste.nn.bundle.BundleManifest;
import io.zerowaste.nn.bundle.ModelBundle;
import io.zerowaste.nn.engine.Engines;
import io.zerowaste.nn.engine.Precision;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An exits bundle as executors receive it: either its files' bytes (broadcast with the job, for clusters without
 * shared storage: {@code sc.addFile} after start-up was never fetched by standalone executors in Spark 4.2), or a
 * path every executor can read. Either way it is checked on the driver first, so a missing or corrupt bundle is
 * a one-line error before any executor starts, and it carries its content hash and the precision every executor
 * computes in, together the key of the executors' cache.
 *
 * @param name the bundle's folder as the user named it (for messages)
 * @param contentHash SHA-256 of the manifest and the parameters' checksum: equal bundles share one loaded copy
 * @param files file name to bytes (manifest and parameters), or null when {@code sharedPath} is used
 * @param sharedPath a folder readable by every executor, or null when {@code files} are shipped
 * @param precision fp32 or bf16, resolved once on the driver so that every executor computes alike (the bundle on
 *     disk stays fp32)
 */
public record BundleRef(String name, String contentHash, Map<String, byte[]> files, String sharedPath, Precision precision)
        implements Serializable {

    public BundleRef {
        if (precision == null || precision == Precision.AUTO) {
            throw new IllegalArgumentException("a bundle is loaded in fp32 or bf16 (resolve auto on the driver first)");
        }
    }

    /** Checks the bundle at {@code dir} and takes its bytes along to the executors, to compute in fp32. */
    public static BundleRef ship(Path dir) {
        BundleManifest m = check(dir);
        Path manifest = dir.resolve(BundleManifest.FILE_NAME);
        byte[] manifestBytes = read(manifest);
        byte[] params = ModelBundle.readParameters(dir, m);
        return new BundleRef(dir.toString(), hash(manifestBytes),
                Map.of(BundleManifest.FILE_NAME, manifestBytes, m.parametersFile(), params), null, Precision.FP32);
    }

    /** Checks the bundle at {@code dir}, which every executor reads from the same path (shared storage), to compute in fp32. */
    public static BundleRef shared(Path dir) {
        check(dir);
        return new BundleRef(dir.toString(), hash(read(dir.resolve(BundleManifest.FILE_NAME))), null,
                dir.toAbsolutePath().toString(), Precision.FP32);
    }

    /** The same bundle, loaded by the executors (and the driver) to compute in {@code p} (fp32 or bf16). */
    public BundleRef in(Precision p) {
        return new BundleRef(name, contentHash, files, sharedPath, p);
    }

    /** The executors' cache key: the same bytes in another precision are another loaded model. */
    String cacheKey() {
        return contentHash + "/" + precision.label();
    }

    /** Loads the bundle once on the driver: the manifest, the kind, the checksum and the parameters' layout. */
    private static BundleManifest check(Path dir) {
        Engines.pytorch();
        try (NDManager manager = NDManager.newBaseManager()) {
            return ExitsBundle.read(dir, manager).manifest();
        }
    }

    /** The manifest names the parameters' SHA-256, so hashing it covers both files. */
    private static String hash(byte[] manifest) {
        return ModelBundle.sha256(manifest);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw ZeroWasteException.badInput("cannot read " + file + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return name + " (" + contentHash.substring(0, 12) + (files != null ? ", shipped, " : ", shared, ") + precision.label() + ")";
    }
}
