package io.zerowaste.core.provenance;

import io.zerowaste.core.io.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A run id: a short hash of the run's config, so the same config always gets the same id. */
public final class RunId {

    private RunId() {}

    public static String of(Object config) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(Json.toString(config).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
