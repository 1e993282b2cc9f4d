package io.zerowaste.nn.bundle;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.core.io.AtomicFiles;
import io.zerowaste.core.io.Json;
import io.zerowaste.nn.model.ArchitectureSpec;
import io.zerowaste.nn.model.StagedBackbone;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model on disk: a folder with {@code manifest.json} and the parameters. Written atomically (the whole
 * folder appears at once); read with checks of the format version, the checksum and every shape.
 */
public final class ModelBundle {

    /** A loaded bundle: its manifest and the backbone with its parameters. */
    public record Loaded(BundleManifest manifest, StagedBackbone backbone) {}

    private ModelBundle() {}

    public static void write(Path dir, Block block, BundleManifest manifest) {
        write(dir, block, manifest, Map.of());
    }

    /**
     * As {@link #write(Path, Block, BundleManifest)}, with more files inside the same folder (e.g. a replay
     * memory, named and checksummed by the manifest): they appear together with the parameters, or not at all.
     */
    public static void write(Path dir, Block block, BundleManifest manifest, Map<String, byte[]> extraFiles) {
        byte[] params = serialize(block);
        BundleManifest m = manifest.withChecksum(sha256(params));
        for (String name : extraFiles.keySet()) {
            if (!ManifestChecks.isPlainFileName(name) || name.equals(BundleManifest.FILE_NAME) || name.equals(m.parametersFile())) {
                throw new IllegalArgumentException("not a free file name inside a bundle: " + name);
            }
        }
        AtomicFiles.writeFolder(dir, tmp -> {
            Files.write(tmp.resolve(m.parametersFile()), params);
            for (Map.Entry<String, byte[]> f : extraFiles.entrySet()) {
                Files.write(tmp.resolve(f.getKey()), f.getValue());
            }
            Files.writeString(tmp.resolve(BundleManifest.FILE_NAME), Json.toString(m));
        });
    }

    /**
     * The bytes of a file the manifest names beside the parameters, checked against its SHA-256 and a size
     * bound before anything is decoded from it.
     */
    public static byte[] readChecked(Path dir, String fileName, String sha256, long maxBytes) {
        if (fileName == null || !ManifestChecks.isPlainFileName(fileName)) {
            throw ZeroWasteException.badInput("corrupt bundle " + dir + ": the manifest names the file '" + fileName
                    + "', which is not a file name inside the bundle");
        }
        Path f = dir.resolve(fileName);
        try {
            if (!Files.isRegularFile(f)) {
                throw ZeroWasteException.badInput("corrupt bundle " + dir + ": " + fileName + " is missing (copy the bundle again)");
            }
            if (Files.size(f) > maxBytes) {
                throw ZeroWasteException.badInput("corrupt bundle " + dir + ": " + fileName + " is " + Files.size(f)
                        + " bytes, more than the " + maxBytes + " it may hold");
            }
            byte[] bytes = Files.readAllBytes(f);
            if (!sha256(bytes).equals(sha256)) {
                throw ZeroWasteException.badInput("corrupt bundle " + dir + ": " + fileName + " does not match its checksum in "
                        + BundleManifest.FILE_NAME + " (the file was truncated or changed; copy the bundle again)");
            }
            return bytes;
        } catch (IOException e) {
            throw ZeroWasteException.badInput("cannot read " + f + ": " + e.getMessage());
        }
    }

    public static byte[] serialize(Block block) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw ZeroWasteException.failure("cannot serialise the model parameters: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    public static BundleManifest readManifest(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw ZeroWasteException.badInput("model bundle not found: " + dir
                    + " (pass the model/ folder that 'zerowaste train' wrote)");
        }
        Path file = dir.resolve(BundleManifest.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw ZeroWasteException.badInput("not a model bundle: " + dir + " has no " + BundleManifest.FILE_NAME
                    + " (pass the model/ folder that 'zerowaste train' wrote)");
        }
        BundleManifest m = Json.read(file, BundleManifest.class);
        if (m.formatVersion() != BundleManifest.FORMAT_VERSION) {
            throw ZeroWasteException.badInput("unsupported bundle format version " + m.formatVersion() + " in " + dir
                    + " (this zerowaste reads version " + BundleManifest.FORMAT_VERSION
                    + "; use the zerowaste that wrote it or train again)");
        }
        if (m.architecture() == null || m.parametersFile() == null || m.normalization() == null) {
            throw ZeroWasteException.badInput("corrupt bundle " + dir + ": " + BundleManifest.FILE_NAME
                    + " lacks the architecture, normalization or parameters entry");
        }
        String problem = ManifestChecks.problem(m);
        if (problem != null) {
            throw ZeroWasteException.badInput("corrupt bundle " + dir + ": " + BundleManifest.FILE_NAME + " " + problem
                    + " (copy the bundle again or train again)");
        }
        return m;
    }

    /** Reads the manifest and the parameters' bytes, checking the checksum. */
    public static byte[] readParameters(Path dir, BundleManifest m) {
        Path params = dir.resolve(m.parametersFile());
        if (!Files.isRegularFile(params)) {
            throw ZeroWasteException.badInput("corrupt bundle " + dir + ": " + m.parametersFile() + " is missing");
        }
        byte[] bytes;
        try {
            if (Files.size(params) > ManifestChecks.MAX_PARAMETER_BYTES) {
                throw ZeroWasteException.badInput("corrupt bundle " + dir + ": " + m.parametersFile() + " is "
                        + Files.size(params) + " bytes, more than any model zerowaste writes");
            }
            bytes = Files.readAllBytes(params);
        } catch (IOException e) {
            throw ZeroWasteException.badInput("cannot read " + params + ": " + e.getMessage());
        }
        if (!sha256(bytes).equals(m.parametersSha256())) {
            throw ZeroWasteException.badInput("corrupt bundle " + dir + ": " + m.parametersFile()
                    + " does not match its checksum in " + BundleManifest.FILE_NAME
                    + " (the file was truncated or changed; copy or train the bundle again)");
        }
        return bytes;
    }

    public static Loaded read(Path dir, NDManager manager) {
        BundleManifest m = readManifest(dir);
        byte[] bytes = readParameters(dir, m);
        StagedBackbone backbone = m.architecture().build();
        load(backbone, bytes, manager, m.architecture().inputShape(), dir);
        return new Loaded(m, backbone);
    }

    /**
     * Initialises {@code block} for {@code inputShape}, loads {@code bytes} into it and checks that every
     * parameter kept the shape the architecture expects.
     */
    public static void load(Block block, byte[] bytes, NDManager manager, Shape inputShape, Path source) {
        block.initialize(manager, DataType.FLOAT32, inputShape);
        loadInitialized(block, bytes, manager, source);
    }

    /** As {@link #load}, for a block its caller has already initialised (e.g. one with several inputs). */
    public static void loadInitialized(Block block, byte[] bytes, NDManager manager, Path source) {
        Map<String, Shape> expected = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            expected.put(p.getKey(), p.getValue().getArray().getShape());
        }
        // DJL allocates whatever sizes the file states, so the structure is checked before DJL reads it
        String mismatch = SerializedLayout.ofParameters(block).mismatch(bytes);
        if (mismatch != null) {
            throw ZeroWasteException.badInput("corrupt bundle " + source + ": the parameters do not fit the architecture ("
                    + mismatch + "; use the files that were written together, or train again)");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            block.loadParameters(manager, in);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw ZeroWasteException.badInput("corrupt bundle " + source + ": the parameters do not fit the architecture ("
                    + e.getMessage() + ")", e);
        }
        for (Pair<String, Parameter> p : block.getParameters()) {
            Shape got = p.getValue().getArray().getShape();
            Shape want = expected.get(p.getKey());
            if (!got.equals(want)) {
                throw ZeroWasteException.badInput("corrupt bundle " + source + ": parameter " + p.getKey() + " has shape "
                        + got + " but the architecture needs " + want);
            }
            if (p.getValue().requiresGradient()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
        }
    }

    /**
     * Null when {@code bytes} is an {@link ai.djl.ndarray.NDList#encode()} of arrays shaped and typed like {@code like},
     * else what differs. Check this before decoding untrusted bytes: DJL allocates the sizes they state.
     */
    public static String layoutMismatch(ai.djl.ndarray.NDList like, byte[] bytes, NDManager manager) {
        return SerializedLayout.ofList(like, manager).mismatch(bytes);
    }

    /** Refuses images of another size, or labels beyond the model's classes, with a one-line message. */
    public static void checkImagesFit(BundleManifest m, ImageSet images, Path bundleDir) {
        ArchitectureSpec a = m.architecture();
        if (images.channels() != a.channels() || images.rows() != a.height() || images.cols() != a.width()) {
            throw ZeroWasteException.badInput("the images are " + images.channels() + "x" + images.rows() + "x" + images.cols()
                    + " (channels x height x width) but the model in " + bundleDir + " takes " + a.channels() + "x" + a.height()
                    + "x" + a.width() + " (pass the same --channels and --image-size as for training)");
        }
        if (images.numClasses() > m.architecture().numClasses()) {
            throw ZeroWasteException.badInput("the data has labels up to " + (images.numClasses() - 1) + " but the model in "
                    + bundleDir + " knows " + m.architecture().numClasses() + " classes");
        }
    }

    public static long countParameters(Block block) {
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().getType() != Parameter.Type.RUNNING_MEAN && p.getValue().getType() != Parameter.Type.RUNNING_VAR) {
                n += p.getValue().getArray().size();
            }
        }
        return n;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
