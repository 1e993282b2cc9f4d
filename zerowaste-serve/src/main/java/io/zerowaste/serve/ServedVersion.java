package io.zerowaste.serve;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One loaded (and warmed) model version, ready to answer: its name in the lineage, the input shape it takes, the
 * predictor, what {@code GET /v1/model} says about it, and how to free it once retired.
 *
 * @param version the version's name (the manifest's {@code version}, else its folder name)
 * @param parent the version it was updated from, or null
 * @param architecture the backbone's name: a hot swap keeps it, as it keeps the input shape
 * @param release frees the model once no request uses it any more (may do nothing)
 * @param monitorAccuracy accuracy on the held-back labelled slice, measured before serving (NaN without one)
 * @param precision the number format its convolutions compute in ({@code fp32} or {@code bf16}), chosen per version
 */
public record ServedVersion(String version, String parent, String modelId, String architecture, int channels, int height, int width,
        Predictor predictor, Supplier<Object> description, Runnable release, double monitorAccuracy, String precision) {

    public ServedVersion(String version, String parent, String modelId, String architecture, int channels, int height, int width,
            Predictor predictor, Supplier<Object> description, Runnable release) {
        this(version, parent, modelId, architecture, channels, height, width, predictor, description, release, Double.NaN, "fp32");
    }

    public ServedVersion {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(predictor, "predictor");
        Objects.requireNonNull(precision, "precision");
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("bad input shape " + channels + "x" + height + "x" + width);
        }
    }

    /** "C×H×W" for messages. */
    public String shape() {
        return channels + "x" + height + "x" + width;
    }

    /**
     * Why {@code next} cannot replace this version in place (another architecture or input shape would break the
     * clients of a running server), or null when it can.
     */
    public String incompatibility(ServedVersion next) {
        if (!Objects.equals(architecture, next.architecture())) {
            return "version " + next.version() + " is another architecture (" + next.architecture() + ", served: " + architecture
                    + "); restart the server to change architectures";
        }
        if (channels != next.channels() || height != next.height() || width != next.width()) {
            return "version " + next.version() + " takes " + next.shape() + " images, the served one " + shape()
                    + "; restart the server to change the input shape";
        }
        return null;
    }
}
