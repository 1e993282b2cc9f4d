package io.zerowaste.serve;

import io.zerowaste.core.ZeroWasteException;

/**
 * How to serve: where to listen, the micro-batching and queue limits, the model's name in the Open Inference
 * Protocol's paths, and the token that guards {@code POST /v1/admin/reload} (null: only from this machine).
 *
 * @param maxBodyBytes larger request bodies are refused with 413
 * @param maxInstances most images in one request
 */
public record ServeConfig(String host, int port, int maxBatch, int maxWaitMs, int queue, int maxBodyBytes, int maxInstances,
        int handlerThreads, String modelName, String adminToken) {

    public static final String DEFAULT_MODEL_NAME = "zerowaste";

    public ServeConfig {
        if (port < 0 || port > 65535) {
            throw ZeroWasteException.badInput("--port must be 0..65535 (got " + port + ")");
        }
        if (maxBatch < 1 || queue < 1 || maxWaitMs < 0 || maxBodyBytes < 1 || maxInstances < 1 || handlerThreads < 1) {
            throw ZeroWasteException.badInput("--max-batch and --queue must be at least 1, --max-wait-ms not negative");
        }
        if (modelName == null || !modelName.matches("[A-Za-z0-9._-]+")) {
            throw ZeroWasteException.badInput("--model-name must be letters, digits, '.', '_' or '-' (got " + modelName + ")");
        }
    }

    public ServeConfig(String host, int port, int maxBatch, int maxWaitMs, int queue, int maxBodyBytes, int maxInstances,
            int handlerThreads) {
        this(host, port, maxBatch, maxWaitMs, queue, maxBodyBytes, maxInstances, handlerThreads, DEFAULT_MODEL_NAME, null);
    }

    public static ServeConfig defaults() {
        return new ServeConfig("127.0.0.1", 8080, 64, 5, 1024, 4 << 20, 256, 8);
    }

    public ServeConfig with(String h, int p, int batch, int waitMs, int q) {
        return new ServeConfig(h, p, batch, waitMs, q, maxBodyBytes, maxInstances, handlerThreads, modelName, adminToken);
    }

    public ServeConfig withModelName(String name) {
        return new ServeConfig(host, port, maxBatch, maxWaitMs, queue, maxBodyBytes, maxInstances, handlerThreads, name, adminToken);
    }

    public ServeConfig withAdminToken(String token) {
        return new ServeConfig(host, port, maxBatch, maxWaitMs, queue, maxBodyBytes, maxInstances, handlerThreads, modelName, token);
    }
}
