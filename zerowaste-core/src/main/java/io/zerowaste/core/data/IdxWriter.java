package io.zerowaste.core.data;

import io.zerowaste.core.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Writes an image set as the IDX pair {@link IdxReader} reads (raw, unsigned bytes): e.g. the data folders a
 * lifecycle demo hands to {@code zerowaste update}. Each file is written atomically.
 */
public final class IdxWriter {

    private IdxWriter() {}

    /** {@code dir/<prefix>-images-idx3-ubyte} and {@code dir/<prefix>-labels-idx1-ubyte}; prefix "train" or "t10k". */
    public static void write(Path dir, String prefix, ImageSet set) {
        AtomicFiles.write(dir.resolve(prefix + "-images-idx3-ubyte"), images(set));
        AtomicFiles.write(dir.resolve(prefix + "-labels-idx1-ubyte"), labels(set));
    }

    static byte[] images(ImageSet set) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x00000803);
            out.writeInt(set.size());
            out.writeInt(set.rows());
            out.writeInt(set.cols());
            out.write(set.pixels());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] labels(ImageSet set) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x00000801);
            out.writeInt(set.size());
            for (int l : set.labels()) {
                if (l < 0 || l > 255) {
                    throw new IllegalArgumentException("label " + l + " does not fit an unsigned byte");
                }
                out.writeByte(l);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
