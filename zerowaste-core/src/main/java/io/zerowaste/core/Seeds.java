package io.zerowaste.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Derives independent seeds from one root seed: each component asks for its own by name, so adding a
 * component never shifts another's randomness.
 */
public final class Seeds {

    private Seeds() {}

    /** A seed for {@code component}, a pure function of the root seed and the name. */
    public static long split(long root, String component) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Long.toString(root).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '/');
            sha.update(component.getBytes(StandardCharsets.UTF_8));
            byte[] d = sha.digest();
            long seed = 0;
            for (int i = 0; i < 8; i++) {
                seed = (seed << 8) | (d[i] & 0xff);
            }
            return seed;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** A seed that fits torch's manual_seed (non-negative 63 bits). */
    public static long split63(long root, String component) {
        return split(root, component) & Long.MAX_VALUE;
    }
}
