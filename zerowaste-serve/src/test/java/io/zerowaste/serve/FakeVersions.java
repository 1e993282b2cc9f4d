package io.zerowaste.serve;

import com.fasterxml.jackson.databind.JsonNode;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Model versions for swap tests without DJL: a version folder holds a small manifest.json (version, architecture,
 * input shape) and a parameters.bin whose content must read "ok". The loader takes a while and warms the predictor
 * on a thread of its own, so that an answer from a version not yet loaded, or already released, is caught.
 */
final class FakeVersions implements VersionLoader {

    volatile long loadMs = 150;

    /** Writes version {@code version} into {@code dir} as a finished folder appears: written aside, then renamed into place. */
    static Path write(Path dir, String folder, String version, String architecture, int channels, int size, boolean corrupt)
            throws IOException {
        Path tmp = dir.resolve(folder + ".tmp");
        Files.createDirectories(tmp);
        Files.writeString(tmp.resolve("manifest.json"), "{\"version\": \"" + version + "\", \"parent\": null, \"architecture\": {\"name\": \""
                + architecture + "\", \"channels\": " + channels + ", \"height\": " + size + ", \"width\": " + size + "}}");
        Files.writeString(tmp.resolve("parameters.bin"), corrupt ? "\u0000garbage" : "ok");
        return Files.move(tmp, dir.resolve(folder), StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public ServedVersion load(Path dir, String name, String parent) throws Exception {
        JsonNode m = Json.MAPPER.readTree(dir.resolve("manifest.json").toFile());
        Thread.sleep(loadMs);
        if (!Files.readString(dir.resolve("parameters.bin")).equals("ok")) {
            throw ZeroWasteException.badInput("parameters.bin of " + dir + " is damaged (checksum mismatch); write the version again");
        }
        FakePredictor p = new FakePredictor("fake@" + name);
        p.delayMs = 2;
        p.warmed = false;
        Thread warm = new Thread(() -> p.predict(new float[4][28 * 28]), "warm-" + name);
        warm.start();
        warm.join();
        p.warmed = true;
        JsonNode a = m.get("architecture");
        return new ServedVersion(name, parent, p.modelId(), a.get("name").asText(), a.get("channels").asInt(), a.get("height").asInt(),
                a.get("width").asInt(), p, () -> Map.of("id", p.modelId(), "threshold", 0.5), () -> p.closed = true);
    }
}
