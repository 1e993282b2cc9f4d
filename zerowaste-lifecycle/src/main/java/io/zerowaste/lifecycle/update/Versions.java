package io.zerowaste.lifecycle.update;

import io.zerowaste.nn.bundle.BundleManifest;
import java.util.Map;

/** How a bundle version is named: its method and the first 12 hex digits of its parameters' SHA-256 ({@code ztw@1a2b3c4d5e6f}), as the server names it. */
public final class Versions {

    private Versions() {}

    public static String id(BundleManifest m) {
        Map<String, Object> extra = m.extra();
        Object method = extra == null ? null : extra.get("method");
        String sha = m.parametersSha256();
        return (method == null ? m.kind() : method) + "@" + (sha == null ? "?" : sha.substring(0, Math.min(12, sha.length())));
    }
}
