package io.zerowaste.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zerowaste.core.ZeroWasteException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImagePreprocessingTest {

    static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, format, out)).isTrue();
        return out.toByteArray();
    }

    @Test
    void sameSizeGreyIsKeptExactly() throws IOException {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 6; i++) {
            img.getRaster().setSample(i % 3, i / 3, 0, 40 * i);
        }
        assertThat(ImagePreprocessing.decode(encode(img, "png"), 1, 2, 3)).containsExactly(0, 40, 80, 120, (byte) 160, (byte) 200);
    }

    @Test
    void colourBecomesLuminanceOrChannelsFirstRgb() throws IOException {
        BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xC86432); // r 200, g 100, b 50
        byte[] png = encode(img, "png");
        assertThat(ImagePreprocessing.decode(png, 1, 1, 1)[0] & 0xff).isEqualTo(Math.round(0.299f * 200 + 0.587f * 100 + 0.114f * 50));
        assertThat(ImagePreprocessing.decode(png, 3, 1, 1)).containsExactly((byte) 200, 100, 50);
    }

    @Test
    void anySizeIsResizedBilinearly() throws IOException {
        // a 2x1 image 0 | 200, resized to 4x1: pixel centres at 0.25 and 0.75 of the way between the two
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(1, 0, 0, 200);
        byte[] out = ImagePreprocessing.decode(encode(img, "png"), 1, 1, 4);
        assertThat(new int[] {out[0] & 0xff, out[1] & 0xff, out[2] & 0xff, out[3] & 0xff}).containsExactly(0, 50, 150, 200);
        // and a JPEG of another size decodes to the asked shape
        BufferedImage big = new BufferedImage(90, 60, BufferedImage.TYPE_INT_RGB);
        assertThat(ImagePreprocessing.decode(encode(big, "jpg"), 3, 28, 28)).hasSize(3 * 28 * 28);
    }

    @Test
    void damagedDataIsRefusedInOneLine() {
        assertThatThrownBy(() -> ImagePreprocessing.decode(new byte[] {1, 2, 3}, 1, 28, 28)).isInstanceOf(ZeroWasteException.class)
                .hasMessageContaining("not a readable image");
        assertThatThrownBy(() -> ImagePreprocessing.decode(new byte[] {1}, 2, 28, 28)).isInstanceOf(ZeroWasteException.class);
    }
}
