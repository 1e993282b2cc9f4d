package io.zerowaste.core.data;

import io.zerowaste.core.ZeroWasteException;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The preprocessing every image goes through, in training and in serving alike: decode, convert to the model's
 * channel count, resize with the aspect ratio kept so the image covers the target, and crop the centre.
 * Shrinking averages the source area under each output pixel; enlarging is bilinear (pixel centres aligned).
 * An image already of the target shape and channel count passes through unchanged, byte for byte.
 */
public final class ImagePreprocessing {

    /** ITU-R BT.601 luma weights (per mille), as PIL's "L" conversion uses. */
    private static final int LUMA_R = 299;
    private static final int LUMA_G = 587;
    private static final int LUMA_B = 114;

    private ImagePreprocessing() {}

    /**
     * Decodes a PNG, JPEG or BMP and preprocesses it exactly as training does.
     *
     * @return C×H×W bytes, channel-major (all of channel 0's rows, then channel 1's, …)
     * @throws ZeroWasteException (bad input) when the bytes are not a readable image
     */
    public static byte[] decode(byte[] encodedPngOrJpeg, int channels, int height, int width) {
        return preprocess(read(encodedPngOrJpeg, "the image"), channels, height, width);
    }

    /** The decoded image as C×H×W bytes in its own channel count (1 for grey, 3 for colour) and size. */
    public static Decoded read(byte[] encoded, String what) {
        BufferedImage img = decodeImage(encoded, what);
        int w = img.getWidth();
        int h = img.getHeight();
        if (isGrey(img) && img.getColorModel() instanceof IndexColorModel) {
            byte[] out = new byte[h * w];
            int[] rgb = img.getRGB(0, 0, w, h, null, 0, w); // a grey palette: red is the grey level
            for (int p = 0; p < out.length; p++) {
                out[p] = (byte) (rgb[p] >> 16);
            }
            return new Decoded(out, 1, h, w);
        }
        if (isGrey(img)) {
            Raster r = img.getRaster();
            int shift = Math.max(0, r.getSampleModel().getSampleSize(0) - 8);
            byte[] out = new byte[h * w];
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                r.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = (byte) (row[x] >> shift);
                }
            }
            return new Decoded(out, 1, h, w);
        }
        int plane = h * w;
        byte[] out = new byte[3 * plane];
        int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
        for (int p = 0; p < plane; p++) {
            int v = rgb[p];
            out[p] = (byte) (v >> 16);
            out[plane + p] = (byte) (v >> 8);
            out[2 * plane + p] = (byte) v;
        }
        return new Decoded(out, 3, h, w);
    }

    /** A decoded image: C×H×W bytes. */
    public record Decoded(byte[] pixels, int channels, int height, int width) {}

    /** Converts and resizes a decoded image to channels × height × width. */
    public static byte[] preprocess(Decoded d, int channels, int height, int width) {
        byte[] px = convertChannels(d.pixels(), d.channels(), channels, d.height() * d.width());
        return resizeCover(px, channels, d.height(), d.width(), height, width);
    }

    /** Grey to colour repeats the grey plane; colour to grey takes the luma. */
    public static byte[] convertChannels(byte[] chw, int from, int to, int plane) {
        if (from == to) {
            return chw;
        }
        byte[] out = new byte[to * plane];
        if (from == 1 && to == 3) {
            for (int c = 0; c < 3; c++) {
                System.arraycopy(chw, 0, out, c * plane, plane);
            }
            return out;
        }
        if (from == 3 && to == 1) {
            for (int p = 0; p < plane; p++) {
                int r = chw[p] & 0xff;
                int g = chw[plane + p] & 0xff;
                int b = chw[2 * plane + p] & 0xff;
                out[p] = (byte) ((LUMA_R * r + LUMA_G * g + LUMA_B * b + 500) / 1000);
            }
            return out;
        }
        throw ZeroWasteException.badInput("cannot convert " + from + "-channel images to " + to
                + " channels (use --channels 1 or 3)");
    }

    /**
     * Scales {@code c} planes of h×w by one factor, the smallest that makes the image cover outH×outW, then
     * crops the centre.
     */
    public static byte[] resizeCover(byte[] chw, int c, int h, int w, int outH, int outW) {
        if (h == outH && w == outW) {
            return chw;
        }
        double scale = Math.max((double) outH / h, (double) outW / w);
        int rh = Math.max(outH, (int) Math.round(h * scale));
        int rw = Math.max(outW, (int) Math.round(w * scale));
        int top = (rh - outH) / 2;
        int left = (rw - outW) / 2;
        byte[] out = new byte[c * outH * outW];
        float[] plane = new float[h * w];
        for (int ch = 0; ch < c; ch++) {
            for (int p = 0; p < plane.length; p++) {
                plane[p] = chw[ch * h * w + p] & 0xff;
            }
            float[] horizontal = resampleRows(plane, h, w, rw);
            float[] both = resampleColumns(horizontal, h, rw, rh);
            for (int y = 0; y < outH; y++) {
                for (int x = 0; x < outW; x++) {
                    float v = both[(y + top) * rw + x + left];
                    out[ch * outH * outW + y * outW + x] = (byte) Math.max(0, Math.min(255, (int) Math.floor(v + 0.5f)));
                }
            }
        }
        return out;
    }

    /** Each of the h rows of length w resampled to length m. */
    static float[] resampleRows(float[] src, int h, int w, int m) {
        float[] out = new float[h * m];
        float[] line = new float[w];
        for (int y = 0; y < h; y++) {
            System.arraycopy(src, y * w, line, 0, w);
            System.arraycopy(resample(line, m), 0, out, y * m, m);
        }
        return out;
    }

    /** Each of the w columns of length h resampled to length m. */
    static float[] resampleColumns(float[] src, int h, int w, int m) {
        float[] out = new float[m * w];
        float[] line = new float[h];
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                line[y] = src[y * w + x];
            }
            float[] r = resample(line, m);
            for (int y = 0; y < m; y++) {
                out[y * w + x] = r[y];
            }
        }
        return out;
    }

    /** One line of n samples to m: area average when shrinking, bilinear when enlarging. */
    static float[] resample(float[] in, int m) {
        int n = in.length;
        if (m == n) {
            return in.clone();
        }
        float[] out = new float[m];
        double ratio = (double) n / m;
        if (m < n) {
            for (int j = 0; j < m; j++) {
                double start = j * ratio;
                double end = start + ratio;
                double sum = 0;
                for (int i = (int) Math.floor(start); i < Math.min(n, (int) Math.ceil(end)); i++) {
                    double overlap = Math.min(end, i + 1) - Math.max(start, i);
                    sum += in[i] * overlap;
                }
                out[j] = (float) (sum / ratio);
            }
            return out;
        }
        for (int j = 0; j < m; j++) {
            double src = Math.max(0, Math.min(n - 1, (j + 0.5) * ratio - 0.5));
            int i0 = (int) Math.floor(src);
            int i1 = Math.min(n - 1, i0 + 1);
            double f = src - i0;
            out[j] = (float) (in[i0] * (1 - f) + in[i1] * f);
        }
        return out;
    }

    /** Whether the image is grey: one grey component (with or without alpha), or a palette of greys only. */
    static boolean isGrey(BufferedImage img) {
        ColorModel cm = img.getColorModel();
        if (cm instanceof IndexColorModel icm) {
            for (int i = 0; i < icm.getMapSize(); i++) {
                if (icm.getRed(i) != icm.getGreen(i) || icm.getGreen(i) != icm.getBlue(i)) {
                    return false;
                }
            }
            return true;
        }
        return isGreySpace(cm);
    }

    private static boolean isGreySpace(ColorModel cm) {
        return cm.getNumColorComponents() == 1 && cm.getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY;
    }

    /** Decodes with ImageIO, treating a decoder warning (a truncated JPEG) as a failure. */
    static BufferedImage decodeImage(byte[] encoded, String what) {
        return withReader(encoded, what, reader -> {
            String[] warning = new String[1];
            reader.addIIOReadWarningListener((source, message) -> warning[0] = message);
            BufferedImage img = reader.read(0);
            if (warning[0] != null) {
                throw ZeroWasteException.badInput("unreadable image " + what + ": " + warning[0]
                        + " (the file is truncated or damaged; replace or remove it)");
            }
            return img;
        });
    }

    /** What to do with an ImageIO reader set on the image's bytes. */
    private interface ReaderTask<T> {
        T apply(ImageReader reader) throws IOException;
    }

    /**
     * Runs {@code task} on the first ImageIO reader for {@code encoded}, disposing it after; a missing reader or
     * a read failure becomes the one-line "unreadable image" error naming {@code what}.
     */
    private static <T> T withReader(byte[] encoded, String what, ReaderTask<T> task) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw ZeroWasteException.badInput("unreadable image " + what + ": not a PNG, JPEG or BMP file (remove or replace it)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return task.apply(reader);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ZeroWasteException z) {
                throw z;
            }
            throw ZeroWasteException.badInput("unreadable image " + what + ": " + e.getMessage()
                    + " (the file is truncated or damaged; replace or remove it)");
        }
    }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /**
     * Channels and size read straight from a PNG's IHDR chunk (colour types 0 and 4 are grey, 2 and 6 colour, as
     * {@link #read} decodes them), or null when the bytes are not a PNG with a sound header or have a palette.
     */
    static int[] pngHeader(byte[] b) {
        if (b.length < 26 || !java.util.Arrays.equals(b, 0, 8, PNG_SIGNATURE, 0, 8) || b[12] != 'I' || b[13] != 'H' || b[14] != 'D'
                || b[15] != 'R') {
            return null;
        }
        int w = java.nio.ByteBuffer.wrap(b, 16, 4).getInt();
        int h = java.nio.ByteBuffer.wrap(b, 20, 4).getInt();
        int colourType = b[25];
        if (w < 1 || h < 1 || colourType < 0 || colourType > 6 || colourType == 3) {
            return null; // a palette's entries decide, which only decoding reads
        }
        return new int[] {colourType == 0 || colourType == 4 ? 1 : 3, h, w};
    }

    /** Channels (1 grey or 3 colour) and size from the header, without decoding the pixels. */
    public static int[] probe(byte[] encoded, String what) {
        int[] png = pngHeader(encoded);
        if (png != null) {
            return png;
        }
        return withReader(encoded, what, reader -> {
            int w = reader.getWidth(0);
            int h = reader.getHeight(0);
            var types = reader.getImageTypes(0);
            ColorModel cm = types != null && types.hasNext() ? types.next().getColorModel() : null;
            // a palette (or no type from the header): only decoding tells grey from colour as read() does
            int channels = cm == null || cm instanceof IndexColorModel ? read(encoded, what).channels() : isGreySpace(cm) ? 1 : 3;
            return new int[] {channels, h, w};
        });
    }
}
