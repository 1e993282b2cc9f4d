package io.zerowaste.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.zerowaste.core.io.Json;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads a predict request into raw pixel values 0..255, one row per image, or throws {@link BadRequest} saying
 * what is wrong. Accepted bodies:
 * <ul>
 *   <li>{@code {"instances": [[784 numbers], …]}}: pixel values 0..255 by default, or 0..1 with
 *       {@code "pixel_range": "0-1"};</li>
 *   <li>{@code {"images_base64": ["<PNG>", …]}}: rows×cols grayscale PNGs (colour ones are converted to grey).</li>
 * </ul>
 */
public final class RequestParser {

    public static final String RANGE_255 = "0-255";
    public static final String RANGE_1 = "0-1";

    private final int rows;
    private final int cols;
    private final int maxInstances;

    public RequestParser(int rows, int cols, int maxInstances) {
        this.rows = rows;
        this.cols = cols;
        this.maxInstances = maxInstances;
    }

    public float[][] parse(byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadRequest(400, "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadRequest(400, "unreadable body: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadRequest(400, "the body must be a JSON object with \"instances\" or \"images_base64\"");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            String k = it.next().getKey();
            if (!k.equals("instances") && !k.equals("images_base64") && !k.equals("pixel_range")) {
                throw new BadRequest(400, "unknown field \"" + k + "\" (allowed: instances, images_base64, pixel_range)");
            }
        }
        boolean hasInstances = root.has("instances");
        boolean hasPng = root.has("images_base64");
        if (hasInstances == hasPng) {
            throw new BadRequest(400, "give exactly one of \"instances\" and \"images_base64\"");
        }
        double scale = scale(root.get("pixel_range"));
        JsonNode list = hasInstances ? root.get("instances") : root.get("images_base64");
        String field = hasInstances ? "instances" : "images_base64";
        if (!list.isArray()) {
            throw new BadRequest(400, "\"" + field + "\" must be an array, got " + list.getNodeType().toString().toLowerCase());
        }
        if (list.isEmpty()) {
            throw new BadRequest(400, "\"" + field + "\" is empty: send at least one image");
        }
        if (list.size() > maxInstances) {
            throw new BadRequest(400, "\"" + field + "\" has " + list.size() + " images; at most " + maxInstances + " per request");
        }
        float[][] out = new float[list.size()][];
        for (int i = 0; i < list.size(); i++) {
            out[i] = hasInstances ? instance(list.get(i), i, scale) : png(list.get(i), i);
        }
        return out;
    }

    private static double scale(JsonNode range) {
        if (range == null) {
            return 1;
        }
        if (!range.isTextual() || !(range.asText().equals(RANGE_255) || range.asText().equals(RANGE_1))) {
            throw new BadRequest(400, "\"pixel_range\" must be \"0-255\" or \"0-1\"");
        }
        return range.asText().equals(RANGE_1) ? 255 : 1;
    }

    private float[] instance(JsonNode row, int i, double scale) {
        int n = rows * cols;
        if (!row.isArray()) {
            throw new BadRequest(400, "instances[" + i + "] must be an array of " + n + " numbers");
        }
        if (row.size() != n) {
            throw new BadRequest(400, "instances[" + i + "] has " + row.size() + " values; a " + rows + "x" + cols + " image needs " + n);
        }
        double max = scale == 1 ? 255 : 1;
        float[] px = new float[n];
        for (int k = 0; k < n; k++) {
            JsonNode v = row.get(k);
            if (!v.isNumber()) {
                throw new BadRequest(400, "instances[" + i + "][" + k + "] is " + (v.isNull() ? "null" : v.getNodeType().toString().toLowerCase())
                        + ", not a number");
            }
            double d = v.asDouble();
            if (!Double.isFinite(d) || d < 0 || d > max) {
                throw new BadRequest(400, "instances[" + i + "][" + k + "] = " + v.asText() + " is outside 0.." + (scale == 1 ? "255" : "1"));
            }
            px[k] = (float) (d * scale);
        }
        return px;
    }

    private float[] png(JsonNode node, int i) {
        if (!node.isTextual()) {
            throw new BadRequest(400, "images_base64[" + i + "] must be a base64 string");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(node.asText());
        } catch (IllegalArgumentException e) {
            throw new BadRequest(400, "images_base64[" + i + "] is not valid base64");
        }
        BufferedImage img;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            // PNG only, as documented: other decoders (JPEG, GIF, BMP, TIFF) would be more code exposed to the network
            ImageReader reader = pngReader(in);
            if (reader == null) {
                throw new BadRequest(400, "images_base64[" + i + "] is not a PNG image");
            }
            try {
                reader.setInput(in);
                // the size is checked from the header, before decoding: a huge image is refused without being unpacked
                if (reader.getWidth(0) != cols || reader.getHeight(0) != rows) {
                    throw new BadRequest(400, "images_base64[" + i + "] is " + reader.getWidth(0) + "x" + reader.getHeight(0)
                            + "; the model needs " + cols + "x" + rows);
                }
                img = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadRequest b) {
                throw b;
            }
            // the JDK's PNG decoder also fails with unchecked exceptions on some damaged files
            throw new BadRequest(400, "images_base64[" + i + "] is not a readable PNG image: " + firstLine(e.getMessage()));
        }
        float[] px = new float[rows * cols];
        // grey by colour space, not by band count: a palette image has one band of palette indices, not grey levels
        boolean gray = img.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (gray) {
                    px[r * cols + c] = img.getRaster().getSample(c, r, 0) * 255f / ((1 << img.getColorModel().getComponentSize(0)) - 1);
                } else {
                    int rgb = img.getRGB(c, r);
                    px[r * cols + c] = 0.299f * ((rgb >> 16) & 0xff) + 0.587f * ((rgb >> 8) & 0xff) + 0.114f * (rgb & 0xff);
                }
            }
        }
        return px;
    }

    private static ImageReader pngReader(ImageInputStream in) {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        while (readers.hasNext()) {
            ImageReader r = readers.next();
            if (r.getOriginatingProvider() != null && java.util.Arrays.asList(r.getOriginatingProvider().getFormatNames()).contains("png")) {
                return r;
            }
            r.dispose();
        }
        return null;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "damaged data";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
