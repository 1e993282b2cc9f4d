package io.zerowaste.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.zerowaste.core.io.Json;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.data.ImagePreprocessing;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads a predict request into raw pixel values 0..255, one C×H×W row per image (the bundle's shape), or throws
 * {@link BadRequest} saying what is wrong. Accepted bodies:
 * <ul>
 *   <li>{@code {"instances": [image, …]}}: each image an H×W×C nested array, an H×W one when C is 1, or the same
 *       values flat (H·W·C, channels last); pixel values 0..255 by default, or 0..1 with {@code "pixel_range": "0-1"};</li>
 *   <li>{@code {"images_base64": ["<PNG or JPEG>", …]}}: any size, decoded, converted to C channels and resized
 *       ({@link ImagePreprocessing#decode}).</li>
 * </ul>
 */
public final class RequestParser {

    public static final String RANGE_255 = "0-255";
    public static final String RANGE_1 = "0-1";

    private final int channels;
    private final int rows;
    private final int cols;
    private final int maxInstances;

    public RequestParser(int channels, int rows, int cols, int maxInstances) {
        this.channels = channels;
        this.rows = rows;
        this.cols = cols;
        this.maxInstances = maxInstances;
    }

    /** One-channel images. */
    public RequestParser(int rows, int cols, int maxInstances) {
        this(1, rows, cols, maxInstances);
    }

    /** Values per image (C·H·W). */
    public int imageSize() {
        return channels * rows * cols;
    }

    /** The shape as the Open Inference Protocol writes it for one image: [H, W, C]. */
    public int[] hwc() {
        return new int[] {rows, cols, channels};
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

    static double scale(JsonNode range) {
        if (range == null) {
            return 1;
        }
        if (!range.isTextual() || !(range.asText().equals(RANGE_255) || range.asText().equals(RANGE_1))) {
            throw new BadRequest(400, "\"pixel_range\" must be \"0-255\" or \"0-1\"");
        }
        return range.asText().equals(RANGE_1) ? 255 : 1;
    }

    private float[] instance(JsonNode row, int i, double scale) {
        int n = imageSize();
        String shape = rows + "x" + cols + "x" + channels;
        if (!row.isArray()) {
            throw new BadRequest(400, "instances[" + i + "] must be an array (" + shape + " nested, or " + n + " numbers flat)");
        }
        float[] hwc = new float[n];
        int[] k = {0};
        String where = "instances[" + i + "]";
        if (row.size() == n && (row.isEmpty() || !row.get(0).isArray())) {
            for (int j = 0; j < n; j++) {
                hwc[k[0]++] = value(row.get(j), where + "[" + j + "]", scale);
            }
        } else {
            nested(row, where, 0, hwc, k, scale);
        }
        return channelsFirst(hwc);
    }

    /** Reads an H×W×C (or H×W when C is 1) nested array into {@code out}, checking each level's length. */
    private void nested(JsonNode node, String where, int depth, float[] out, int[] k, double scale) {
        int[] dims = {rows, cols, channels};
        boolean grayLeaf = channels == 1 && depth == 2 && !node.isArray();
        if (depth == 3 || grayLeaf) {
            out[k[0]++] = value(node, where, scale);
            return;
        }
        if (!node.isArray()) {
            throw new BadRequest(400, where + " must be an array of " + dims[depth] + (depth == 0 ? " rows" : depth == 1 ? " pixels" : " channels")
                    + " (an image is " + rows + "x" + cols + "x" + channels + ")");
        }
        if (node.size() != dims[depth]) {
            throw new BadRequest(400, where + " has " + node.size() + " values; a " + rows + "x" + cols + "x" + channels + " image needs "
                    + (depth == 0 ? rows + " rows" : depth == 1 ? cols + " pixels a row" : channels + " channels a pixel")
                    + " (or " + imageSize() + " numbers flat)");
        }
        for (int j = 0; j < node.size(); j++) {
            JsonNode child = node.get(j);
            if (depth == 1 && channels == 1 && !child.isArray()) {
                out[k[0]++] = value(child, where + "[" + j + "]", scale);
            } else {
                nested(child, where + "[" + j + "]", depth + 1, out, k, scale);
            }
        }
    }

    static float value(JsonNode v, String where, double scale) {
        if (!v.isNumber()) {
            throw new BadRequest(400, where + " is " + (v.isNull() ? "null" : v.getNodeType().toString().toLowerCase()) + ", not a number");
        }
        double d = v.asDouble();
        double max = scale == 1 ? 255 : 1;
        if (!Double.isFinite(d) || d < 0 || d > max) {
            throw new BadRequest(400, where + " = " + v.asText() + " is outside 0.." + (scale == 1 ? "255" : "1"));
        }
        return (float) (d * scale);
    }

    /** Channels-last values (as JSON clients write images) into the model's channels-first order. */
    public float[] channelsFirst(float[] hwc) {
        if (channels == 1) {
            return hwc;
        }
        float[] chw = new float[hwc.length];
        int plane = rows * cols;
        for (int p = 0; p < plane; p++) {
            for (int c = 0; c < channels; c++) {
                chw[c * plane + p] = hwc[p * channels + c];
            }
        }
        return chw;
    }

    /** A PNG or JPEG of any size, decoded into this parser's shape. */
    public float[] encodedImage(byte[] bytes, String where) {
        if (!isPng(bytes) && !isJpeg(bytes)) {
            // PNG and JPEG only: other decoders (GIF, BMP, TIFF) would be more code exposed to the network
            throw new BadRequest(400, where + " is not a PNG or JPEG image");
        }
        byte[] chw;
        try {
            chw = ImagePreprocessing.decode(bytes, channels, rows, cols);
        } catch (ZeroWasteException e) {
            throw new BadRequest(400, where + ": " + e.getMessage());
        }
        float[] px = new float[chw.length];
        for (int k = 0; k < chw.length; k++) {
            px[k] = chw[k] & 0xff;
        }
        return px;
    }

    private static boolean isPng(byte[] b) {
        return b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
    }

    private static boolean isJpeg(byte[] b) {
        return b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF;
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
        return encodedImage(bytes, "images_base64[" + i + "]");
    }
}
