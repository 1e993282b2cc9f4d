package io.zerowaste.core.data;

import io.zerowaste.core.ZeroWasteException;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns an encoded image (PNG or JPEG, any size) into the C×H×W bytes a model takes: grey by luminance
 * (ITU-R 601 weights) or RGB, then resized bilinearly to H×W. A minimal version of the one the image-folder work
 * brings; the signature is the same so that the two reconcile.
 */
public final class ImagePreprocessing {

    /** Larger images are refused from their header, before any pixel is unpacked. */
    public static final long MAX_PIXELS = 64L << 20;

    private ImagePreprocessing() {}

    /** Decodes {@code encoded} into {@code channels}×{@code height}×{@code width} bytes (channels 1 or 3). */
    public static byte[] decode(byte[] encoded, int channels, int height, int width) {
        if (channels != 1 && channels != 3) {
            throw ZeroWasteException.badInput("images of " + channels + " channels cannot be decoded (1 or 3 are supported)");
        }
        BufferedImage img = read(encoded);
        int w = img.getWidth();
        int h = img.getHeight();
        float[] full = planes(img, channels);
        byte[] out = new byte[channels * height * width];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    float v = (w == width && h == height) ? full[(c * h + y) * w + x] : bilinear(full, c, w, h, x, y, width, height);
                    out[(c * height + y) * width + x] = (byte) Math.max(0, Math.min(255, Math.round(v)));
                }
            }
        }
        return out;
    }

    private static BufferedImage read(byte[] encoded) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw ZeroWasteException.badInput("not a readable image (send a PNG or JPEG)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS || pixels <= 0) {
                    throw ZeroWasteException.badInput("the image is " + reader.getWidth(0) + "x" + reader.getHeight(0)
                            + "; at most " + MAX_PIXELS + " pixels are decoded (send a smaller image)");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ZeroWasteException z) {
                throw z;
            }
            // the JDK's decoders also fail with unchecked exceptions on some damaged files
            throw ZeroWasteException.badInput("not a readable image: " + firstLine(e.getMessage()) + " (send a PNG or JPEG)", e);
        }
    }

    /** The image as C planes of 0..255 values at its own size. */
    private static float[] planes(BufferedImage img, int channels) {
        int w = img.getWidth();
        int h = img.getHeight();
        float[] out = new float[channels * w * h];
        // grey by colour space, not by band count: a palette image has one band of palette indices, not grey levels
        boolean gray = img.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        float grayScale = gray ? 255f / ((1 << img.getColorModel().getComponentSize(0)) - 1) : 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (gray) {
                    float v = img.getRaster().getSample(x, y, 0) * grayScale;
                    for (int c = 0; c < channels; c++) {
                        out[c * w * h + i] = v;
                    }
                    continue;
                }
                int rgb = img.getRGB(x, y);
                float r = (rgb >> 16) & 0xff;
                float g = (rgb >> 8) & 0xff;
                float b = rgb & 0xff;
                if (channels == 1) {
                    out[i] = 0.299f * r + 0.587f * g + 0.114f * b;
                } else {
                    out[i] = r;
                    out[w * h + i] = g;
                    out[2 * w * h + i] = b;
                }
            }
        }
        return out;
    }

    /** Bilinear sample at the centre of output pixel (x, y), pixel centres aligned (as PIL and OpenCV do). */
    private static float bilinear(float[] src, int c, int w, int h, int x, int y, int outW, int outH) {
        float sx = Math.max(0, Math.min(w - 1, (x + 0.5f) * w / outW - 0.5f));
        float sy = Math.max(0, Math.min(h - 1, (y + 0.5f) * h / outH - 0.5f));
        int x0 = (int) sx;
        int y0 = (int) sy;
        int x1 = Math.min(w - 1, x0 + 1);
        int y1 = Math.min(h - 1, y0 + 1);
        float fx = sx - x0;
        float fy = sy - y0;
        int base = c * w * h;
        float top = src[base + y0 * w + x0] * (1 - fx) + src[base + y0 * w + x1] * fx;
        float bottom = src[base + y1 * w + x0] * (1 - fx) + src[base + y1 * w + x1] * fx;
        return top * (1 - fy) + bottom * fy;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "damaged data";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
