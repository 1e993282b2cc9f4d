package io.zerowaste.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class RequestParserTest {

    static final RequestParser PARSER = new RequestParser(2, 2, 4);

    static byte[] body(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, format, out)).isTrue();
        return ("{\"images_base64\": [\"" + Base64.getEncoder().encodeToString(out.toByteArray()) + "\"]}")
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void paletteImagesAreReadByColourNotByPaletteIndex() throws IOException {
        // index 0 is white, index 1 black: the grey levels are 255 and 0, not the indices 0 and 1
        IndexColorModel palette = new IndexColorModel(8, 2, new byte[] {-1, 0}, new byte[] {-1, 0}, new byte[] {-1, 0});
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_INDEXED, palette);
        img.getRaster().setSample(1, 0, 0, 1);
        img.getRaster().setSample(0, 1, 0, 1);
        assertThat(PARSER.parse(body(img, "png"))[0]).containsExactly(255f, 0f, 0f, 255f);
    }

    @Test
    void otherImageFormatsAreRefused() throws IOException {
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
        for (String format : new String[] {"bmp", "gif"}) {
            assertThatThrownBy(() -> PARSER.parse(body(img, format))).isInstanceOf(BadRequest.class)
                    .hasMessageContaining("is not a PNG or JPEG image");
        }
        assertThat(PARSER.parse(body(img, "png"))[0]).containsExactly(0f, 0f, 0f, 0f);
    }

    @Test
    void imagesComeInTheBundlesShapeNestedOrFlatChannelsLast() {
        RequestParser rgb = new RequestParser(3, 2, 2, 4);
        // pixel (r, c) has channels [10(r*2+c), 10(r*2+c)+1, 10(r*2+c)+2]
        String nested = "{\"instances\": [[[[0,1,2],[10,11,12]],[[20,21,22],[30,31,32]]]]}";
        String flat = "{\"instances\": [[0,1,2,10,11,12,20,21,22,30,31,32]]}";
        float[] chw = {0, 10, 20, 30, 1, 11, 21, 31, 2, 12, 22, 32};
        assertThat(rgb.parse(nested.getBytes(StandardCharsets.UTF_8))[0]).containsExactly(chw);
        assertThat(rgb.parse(flat.getBytes(StandardCharsets.UTF_8))[0]).containsExactly(chw);
        // one channel: H×W nested, H×W×1 nested, or flat
        assertThat(PARSER.parse("{\"instances\": [[[1,2],[3,4]]]}".getBytes(StandardCharsets.UTF_8))[0]).containsExactly(1, 2, 3, 4);
        assertThat(PARSER.parse("{\"instances\": [[[[1],[2]],[[3],[4]]]]}".getBytes(StandardCharsets.UTF_8))[0]).containsExactly(1, 2, 3, 4);
        assertThat(PARSER.parse("{\"instances\": [[1,2,3,4]]}".getBytes(StandardCharsets.UTF_8))[0]).containsExactly(1, 2, 3, 4);
        assertThatThrownBy(() -> rgb.parse("{\"instances\": [[[[0,1],[10,11]],[[20,21],[30,31]]]]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BadRequest.class).hasMessageContaining("3 channels a pixel");
    }

    @Test
    void pngAndJpegOfAnySizeAreDecodedToTheBundlesShape() throws IOException {
        BufferedImage big = new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_GRAY);
        assertThat(PARSER.parse(body(big, "png"))[0]).hasSize(4);
        assertThat(new RequestParser(3, 5, 5, 4).parse(body(new BufferedImage(9, 9, BufferedImage.TYPE_INT_RGB), "jpg"))[0]).hasSize(75);
    }
}
