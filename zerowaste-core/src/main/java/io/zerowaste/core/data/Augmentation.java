package io.zerowaste.core.data;

/**
 * Training-time augmentation: a random crop of the original size from a zero-padded image, and a random
 * horizontal flip (off for digits, whose mirror images are not digits).
 */
public record Augmentation(int padding, boolean flip) {

    public static final Augmentation NONE = new Augmentation(0, false);

    public static Augmentation standard(boolean flip) {
        return new Augmentation(2, flip);
    }

    public boolean isNone() {
        return padding == 0 && !flip;
    }
}
