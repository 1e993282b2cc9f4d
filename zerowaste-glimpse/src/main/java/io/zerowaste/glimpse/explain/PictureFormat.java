package io.zerowaste.glimpse.explain;

import io.zerowaste.core.ZeroWasteException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import javax.imageio.ImageIO;

/** The file an explanation picture is written to: a PNG, or an SVG that embeds the PNG. */
public enum PictureFormat {
    PNG,
    SVG;

    /** The format a file name asks for; a name ending in neither .png nor .svg is a bad-input error. */
    public static PictureFormat of(Path out) {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return PNG;
        }
        if (name.endsWith(".svg")) {
            return SVG;
        }
        throw ZeroWasteException.badInput("--out must end in .png or .svg (got " + out + ")");
    }

    /** The picture's bytes in this format. */
    public byte[] encode(BufferedImage img) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (this == PNG) {
            return png.toByteArray();
        }
        return ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + img.getWidth() + "\" height=\"" + img.getHeight()
                + "\"><image width=\"" + img.getWidth() + "\" height=\"" + img.getHeight() + "\" href=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png.toByteArray()) + "\"/></svg>\n").getBytes(StandardCharsets.UTF_8);
    }
}
