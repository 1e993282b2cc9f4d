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
}
