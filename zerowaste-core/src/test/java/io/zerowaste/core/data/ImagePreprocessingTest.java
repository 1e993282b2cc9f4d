package io.zerowaste.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.zerowaste.core.ZeroWasteException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImagePreprocessingTest {

    static byte[] encode(BufferedImage img, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(ImageIO.write(img, format, out)).isTrue();
            return out.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static BufferedImage grey(int w, int h, int[] values) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSamples(0, 0, w, h, 0, values);
        return img;
    }

    @Test
    void aGreyPngOfTheTargetShapePassesThroughByteForByte() {
        int[] v = new int[28 * 28];
        Arrays.setAll(v, i -> (i * 37) % 256);
        byte[] out = ImagePreprocessing.decode(encode(grey(28, 28, v), "png"), 1, 28, 28);
        for (int i = 0; i < v.length; i++) {
            assertThat(out[i] & 0xff).isEqualTo(v[i]);
        }
    }

    @Test
    void colourIsChannelMajorAndGreyConvertsBothWays() {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 200 << 16 | 100 << 8 | 50);
        img.setRGB(1, 0, 10 << 16 | 20 << 8 | 30);
        byte[] rgb = ImagePreprocessing.decode(encode(img, "png"), 3, 1, 2);
        assertThat(toInts(rgb)).containsExactly(200, 10, 100, 20, 50, 30);
        byte[] luma = ImagePreprocessing.decode(encode(img, "png"), 1, 1, 2);
        // BT.601 per mille: (299·200 + 587·100 + 114·50 + 500) / 1000 = 124; (2990 + 11740 + 3420 + 500) / 1000 = 18
        assertThat(toInts(luma)).containsExactly(124, 18);
        byte[] repeated = ImagePreprocessing.decode(encode(grey(2, 1, new int[] {7, 250}), "png"), 3, 1, 2);
        assertThat(toInts(repeated)).containsExactly(7, 250, 7, 250, 7, 250);
    }

    @Test
    void shrinkingAveragesTheAreaUnderEachPixel() {
        // 4×4 → 2×2: each output pixel is the mean of a 2×2 block
        byte[] px = bytes(0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150);
        byte[] out = ImagePreprocessing.resizeCover(px, 1, 4, 4, 2, 2);
        assertThat(toInts(out)).containsExactly(25, 45, 105, 125);
        // 3 → 2 samples: output j covers [1.5j, 1.5j+1.5): (0·1 + 30·0.5)/1.5 = 10, (30·0.5 + 60·1)/1.5 = 50
        float[] line = ImagePreprocessing.resample(new float[] {0, 30, 60}, 2);
        assertThat(line[0]).isCloseTo(10f, within(1e-4f));
        assertThat(line[1]).isCloseTo(50f, within(1e-4f));
    }

    @Test
    void enlargingIsBilinearWithAlignedPixelCentres() {
        // 2 → 4 samples: source positions -0.25 (clamped), 0.25, 0.75, 1.25 (clamped)
        float[] line = ImagePreprocessing.resample(new float[] {0, 100}, 4);
        assertThat(line).containsExactly(0f, 25f, 75f, 100f);
        byte[] out = ImagePreprocessing.resizeCover(bytes(0, 100, 0, 100), 1, 2, 2, 4, 4);
        assertThat(toInts(Arrays.copyOfRange(out, 0, 4))).containsExactly(0, 25, 75, 100);
    }

    @Test
    void theAspectRatioIsKeptAndTheCentreCropped() {
        // 2×4 (h×w) to 2×2: no scaling (the height already fits), columns 1 and 2 kept
        byte[] px = bytes(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(toInts(ImagePreprocessing.resizeCover(px, 1, 2, 4, 2, 2))).containsExactly(2, 3, 6, 7);
        // 4×8 to 2×2: halved to 2×4 by area averages, then the middle two columns
        byte[] wide = new byte[32];
        for (int i = 0; i < 32; i++) {
            wide[i] = (byte) (i % 8 * 10);
        }
        assertThat(toInts(ImagePreprocessing.resizeCover(wide, 1, 4, 8, 2, 2))).containsExactly(25, 45, 25, 45);
    }

    @Test
    void aTruncatedOrForeignFileIsABadInput() {
        int[] v = new int[64 * 64];
        Arrays.setAll(v, i -> (i * 7919) % 256);
        byte[] png = encode(grey(64, 64, v), "png");
        byte[] cut = Arrays.copyOf(png, png.length / 2);
        assertThatThrownBy(() -> ImagePreprocessing.decode(cut, 1, 64, 64)).isInstanceOf(ZeroWasteException.class)
                .hasMessageContaining("unreadable image");
        assertThatThrownBy(() -> ImagePreprocessing.decode("label,pixels\n".getBytes(), 1, 28, 28))
                .isInstanceOf(ZeroWasteException.class).hasMessageContaining("not a PNG, JPEG or BMP");
    }

    @Test
    void aJpegIsDecodedToTheAskedShape() {
        BufferedImage img = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 40; x++) {
                img.setRGB(x, y, 0xC08040);
            }
        }
        byte[] out = ImagePreprocessing.decode(encode(img, "jpg"), 3, 10, 10);
        assertThat(out).hasSize(300);
        assertThat(out[0] & 0xff).isCloseTo(0xC0, within(6));
        assertThat(out[100] & 0xff).isCloseTo(0x80, within(6));
        assertThat(out[200] & 0xff).isCloseTo(0x40, within(6));
    }

    @Test
    void thePngHeaderShortcutAgreesWithTheDecoder() {
        int[] types = {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_GRAY, BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB,
            BufferedImage.TYPE_BYTE_INDEXED, BufferedImage.TYPE_BYTE_BINARY};
        for (int type : types) {
            byte[] png = encode(new BufferedImage(5, 3, type), "png");
            ImagePreprocessing.Decoded d = ImagePreprocessing.read(png, "test");
            assertThat(ImagePreprocessing.probe(png, "png")).as("type " + type).containsExactly(d.channels(), 3, 5);
            int[] header = ImagePreprocessing.pngHeader(png);
            if (header != null) { // null for a palette, which only decoding reads
                assertThat(header).as("type " + type).containsExactly(d.channels(), 3, 5);
            }
        }
        for (int type : new int[] {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_BYTE_INDEXED}) {
            byte[] bmp = encode(new BufferedImage(5, 3, type), "bmp"); // other formats go through ImageIO's header reader
            assertThat(ImagePreprocessing.probe(bmp, "bmp")).as("bmp type " + type)
                    .containsExactly(ImagePreprocessing.read(bmp, "bmp").channels(), 3, 5);
        }
        assertThat(ImagePreprocessing.pngHeader("not a png at all, just text".getBytes())).isNull();
        // black and white (1 bit): a grey palette, so grey
        assertThat(ImagePreprocessing.read(encode(new BufferedImage(5, 3, BufferedImage.TYPE_BYTE_BINARY), "png"), "bw").channels()).isEqualTo(1);
        // a colour palette (the default 6×6×6 cube): colour
        assertThat(ImagePreprocessing.read(encode(new BufferedImage(5, 3, BufferedImage.TYPE_BYTE_INDEXED), "png"), "idx").channels()).isEqualTo(3);
    }

    static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    static int[] toInts(byte[] b) {
        int[] v = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            v[i] = b[i] & 0xff;
        }
        return v;
    }
}
