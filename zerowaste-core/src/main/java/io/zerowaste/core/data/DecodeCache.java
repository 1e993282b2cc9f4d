package io.zerowaste.core.data;

import io.zerowaste.core.io.AtomicFiles;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decoded images kept on disk so the decoding is paid once: one tensor file per split ({@code train.tensor},
 * {@code test.tensor}: a header, the labels, then N×C×H×W bytes) in a folder named by the image folder's
 * content hash and the preprocessing options. The folder is written whole and renamed into place
 * ({@link AtomicFiles#writeFolder}), so a run killed while caching leaves no cache, never half of one; a file
 * whose size does not match its header is ignored and decoded again. Files are read memory-mapped.
 */
public final class DecodeCache {

    public static final String ENV_VAR = "ZEROWASTE_CACHE";
    static final byte[] MAGIC = "ZWTENSOR".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int HEADER_BYTES = 8 + 5 * 4;

    private final Path root;

    public DecodeCache(Path root) {
        this.root = root;
    }

    /** {@code $ZEROWASTE_CACHE}, else {@code $XDG_CACHE_HOME/zerowaste}, else {@code ~/.cache/zerowaste}. */
    public static DecodeCache defaultCache(Map<String, String> env) {
        String own = env.get(ENV_VAR);
        if (own != null && !own.isBlank()) {
            return new DecodeCache(Path.of(own));
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new DecodeCache(base.resolve("zerowaste"));
    }

    public Path root() {
        return root;
    }

    /** The cache folder for this content and these options. */
    public Path folder(String contentHash, ImageOptions options) {
        return root.resolve("images").resolve(key(contentHash, options));
    }

    static String key(String contentHash, ImageOptions options) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String k = contentHash + "|" + options.describe() + "|preprocessing-v" + VERSION;
            return HexFormat.of().formatHex(sha.digest(k.getBytes(StandardCharsets.UTF_8))).substring(0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cached splits, or null when any is missing or damaged. */
    public Map<String, ImageSet> read(String contentHash, ImageOptions options, Iterable<String> splits) {
        Path dir = folder(contentHash, options);
        Map<String, ImageSet> out = new LinkedHashMap<>();
        for (String s : splits) {
            ImageSet set = readTensor(dir.resolve(s + ".tensor"));
            if (set == null) {
                return null;
            }
            out.put(s, set);
        }
        return out;
    }

    /** Writes every split at once; false (and nothing written) when the cache folder is not writable. */
    public boolean write(String contentHash, ImageOptions options, Map<String, ImageSet> splits) {
        try {
            AtomicFiles.writeFolder(folder(contentHash, options), tmp -> {
                for (Map.Entry<String, ImageSet> e : splits.entrySet()) {
                    writeTensor(tmp.resolve(e.getKey() + ".tensor"), e.getValue());
                }
            });
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static void writeTensor(Path file, ImageSet set) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
                DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw, 1 << 20))) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(set.size());
            out.writeInt(set.channels());
            out.writeInt(set.rows());
            out.writeInt(set.cols());
            for (int l : set.labels()) {
                out.writeInt(l);
            }
            out.write(set.pixels());
        }
    }

    /** The tensor file's images, or null when it is missing or its size does not match its header. */
    static ImageSet readTensor(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < HEADER_BYTES) {
                return null;
            }
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            byte[] magic = new byte[MAGIC.length];
            map.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC) || map.getInt() != VERSION) {
                return null;
            }
            int n = map.getInt();
            int c = map.getInt();
            int h = map.getInt();
            int w = map.getInt();
            if (n < 0 || c < 1 || h < 1 || w < 1) {
                return null;
            }
            long pixels = (long) n * c * h * w;
            if (size != HEADER_BYTES + 4L * n + pixels || pixels > Integer.MAX_VALUE - 8) {
                return null;
            }
            int[] labels = new int[n];
            map.asIntBuffer().get(labels);
            map.position(HEADER_BYTES + 4 * n);
            byte[] px = new byte[(int) pixels];
            map.get(px);
            return new ImageSet(px, labels, c, h, w);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
