package io.zerowaste.core.data;

import io.zerowaste.core.ZeroWasteException;

/**
 * What the images are converted to ({@code --channels}, {@code --image-size}, or a model's input shape); null
 * means "decide from the data": the channel count most images have, and the most common size.
 */
public record ImageOptions(Integer channels, Integer height, Integer width) {

    public static final ImageOptions AUTO = new ImageOptions(null, null, null);
    public static final int MAX_SIDE = 1024;

    public ImageOptions {
        if (channels != null && channels != 1 && channels != 3) {
            throw ZeroWasteException.badInput("--channels must be 1 (grey) or 3 (colour) (got " + channels + ")");
        }
        if ((height == null) != (width == null)) {
            throw new IllegalArgumentException("height and width are given together");
        }
        if (height != null && (height < 1 || height > MAX_SIDE || width < 1 || width > MAX_SIDE)) {
            throw ZeroWasteException.badInput("--image-size must be 1.." + MAX_SIDE + " pixels (got "
                    + (height.equals(width) ? height : height + "x" + width) + ")");
        }
    }

    /** {@code --channels} and {@code --image-size S} (a square), either may be null. */
    public static ImageOptions of(Integer channels, Integer size) {
        return new ImageOptions(channels, size, size);
    }

    public boolean isAuto() {
        return channels == null && height == null;
    }

    public boolean hasSize() {
        return height != null;
    }

    /** For the cache key and messages: "channels=auto size=32x32". */
    public String describe() {
        return "channels=" + (channels == null ? "auto" : channels) + " size=" + (height == null ? "auto" : height + "x" + width);
    }
}
