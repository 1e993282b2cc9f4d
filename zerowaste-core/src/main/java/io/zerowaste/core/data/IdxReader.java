package io.zerowaste.core.data;

import io.zerowaste.core.ZeroWasteException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST format), raw or gzip. Validates the magic number, the number of dimensions,
 * and that the file holds exactly as many bytes as its header promises.
 */
public final class IdxReader {

    private static final int UBYTE = 0x08;

    private IdxReader() {}

    /** Reads an images file (magic 0x00000803: n × rows × cols unsigned bytes). */
    public static ImageSet readImages(Path imagesFile, Path labelsFile) {
        Parsed img = parse(imagesFile, 3);
        Parsed lab = parse(labelsFile, 1);
        if (img.dims[0] != lab.dims[0]) {
            throw ZeroWasteException.badInput("image/label count mismatch: " + imagesFile + " holds "
                    + img.dims[0] + " images but " + labelsFile + " holds " + lab.dims[0]
                    + " labels (use the labels file that belongs to these images)");
        }
        int[] labels = new int[lab.dims[0]];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = lab.data[lab.offset + i] & 0xff;
        }
        byte[] pixels = new byte[img.dims[0] * img.dims[1] * img.dims[2]];
        System.arraycopy(img.data, img.offset, pixels, 0, pixels.length);
        return new ImageSet(pixels, labels, img.dims[1], img.dims[2]);
    }

    /** Reads an images file on its own, e.g. for prediction; labels are all 0. */
    public static ImageSet readImagesOnly(Path imagesFile) {
        Parsed img = parse(imagesFile, 3);
        byte[] pixels = new byte[img.dims[0] * img.dims[1] * img.dims[2]];
        System.arraycopy(img.data, img.offset, pixels, 0, pixels.length);
        return new ImageSet(pixels, new int[img.dims[0]], img.dims[1], img.dims[2]);
    }

    private record Parsed(byte[] data, int offset, int[] dims) {}

    private static Parsed parse(Path file, int expectedDims) {
        byte[] data = readMaybeGzip(file);
        if (data.length < 4) {
            throw corrupt(file, "it is only " + data.length + " bytes long, too short for an IDX header");
        }
        ByteBuffer buf = ByteBuffer.wrap(data);
        int magic = buf.getInt();
        int type = (magic >> 8) & 0xff;
        int nd = magic & 0xff;
        if ((magic >>> 16) != 0 || type != UBYTE) {
            throw corrupt(file, String.format("bad magic number 0x%08x (expected 0x%08x for unsigned bytes)",
                    magic, (UBYTE << 8) | expectedDims));
        }
        if (nd != expectedDims) {
            throw corrupt(file, "it has " + nd + " dimensions, expected " + expectedDims
                    + (expectedDims == 3 ? " (an images file)" : " (a labels file)"));
        }
        int headerBytes = 4 + 4 * nd;
        if (data.length < headerBytes) {
            throw corrupt(file, "the header is truncated");
        }
        int[] dims = new int[nd];
        long actual = data.length - (long) headerBytes;
        long expected = 1;
        for (int i = 0; i < nd; i++) {
            dims[i] = buf.getInt();
            if (dims[i] < 0) {
                throw corrupt(file, "dimension " + i + " is negative (" + dims[i] + ")");
            }
            // images of no pixels would let a huge image count pass the size check and allocate that many labels
            if (i > 0 && dims[i] == 0) {
                throw corrupt(file, "its images have a side of 0 pixels (dimension " + i + " is 0)");
            }
            try {
                expected = Math.multiplyExact(expected, dims[i]); // a wrapped product could pass the size check
            } catch (ArithmeticException e) {
                throw corrupt(file, "its header promises more data than any file can hold");
            }
        }
        if (actual < expected) {
            throw corrupt(file, "it is truncated: the header promises " + expected + " data bytes but the file holds "
                    + actual + " (download or copy it again)");
        }
        if (actual > expected) {
            throw corrupt(file, "it has " + (actual - expected) + " bytes after the data the header describes");
        }
        return new Parsed(data, headerBytes, dims);
    }

    private static byte[] readMaybeGzip(Path file) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw ZeroWasteException.badInput("file not found: " + file);
        } catch (IOException e) {
            throw ZeroWasteException.badInput("cannot read " + file + ": " + e.getMessage());
        }
        boolean gzip = raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b;
        if (!gzip) {
            return raw;
        }
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw), 1 << 16)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 4);
            in.transferTo(out);
            return out.toByteArray();
        } catch (ZipException | java.io.EOFException e) {
            throw corrupt(file, "the gzip stream is damaged or truncated (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw corrupt(file, "cannot decompress it (" + e.getMessage() + ")");
        }
    }

    private static ZeroWasteException corrupt(Path file, String what) {
        return ZeroWasteException.badInput("corrupt IDX file " + file + ": " + what);
    }
}
