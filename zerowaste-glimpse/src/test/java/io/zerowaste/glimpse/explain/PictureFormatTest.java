package io.zerowaste.glimpse.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PictureFormatTest {

    @Test
    void theFileNameChoosesTheFormat() {
        assertThat(PictureFormat.of(Path.of("a/b.PNG"))).isEqualTo(PictureFormat.PNG);
        assertThat(PictureFormat.of(Path.of("b.svg"))).isEqualTo(PictureFormat.SVG);
        assertThatThrownBy(() -> PictureFormat.of(Path.of("b.gif"))).hasMessage("--out must end in .png or .svg (got b.gif)");
    }

    @Test
    void anSvgEmbedsThePng() {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        byte[] png = PictureFormat.PNG.encode(img);
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        String svg = new String(PictureFormat.SVG.encode(img), StandardCharsets.UTF_8);
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"3\" height=\"2\">")
                .contains("href=\"data:image/png;base64,").endsWith("\"/></svg>\n");
    }
}
