package io.zerowaste.core.data;

import io.zerowaste.core.ZeroWasteException;

/**
 * What the user asked of the images ({@code --channels}, {@code --image-size}); null means "decide from the
 * data": the channel count most images have, and the most common size.
 */
public record ImageOptions(Integer channels, Integer size) {

    public static final ImageOptions AUTO = new ImageOptions(null, null);
    public static final int MAX_SIDE = 1024;

    public ImageOptions {
        if (channels != null && channels != 1 && channels != 3) {
            throw ZeroWasteException.badInput("--channels must be 1 (grey) or 3 (colour) (got " + channels + ")");
        }
        if (size != null && (size < 1 || size > MAX_SIDE)) {
            throw ZeroWasteException.badInput("--image-size must be 1.." + MAX_SIDE + " pixels (got " + size + ")");
        }
    }

    public boolean isAuto() {
        return channels == null && size == null;
    }

    /** For the cache key and messages: "channels=auto size=32". */
    public String describe() {
        return "channels=" + (channels == null ? "auto" : channels) + " size=" + (size == null ? "auto" : size);
    }
}
