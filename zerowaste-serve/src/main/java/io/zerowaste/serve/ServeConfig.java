package io.zerowaste.serve;

import io.zerowaste.core.ZeroWasteException;

/**
 * How to serve: where to listen, and the micro-batching and queue limits.
 *
 * @param maxBodyBytes larger request bodies are refused with 413
 * @param maxInstances most images in one request
 */
public record ServeConfig(String host, int port, int maxBatch, int maxWaitMs, int queue, int maxBodyBytes, int maxInstances,
        int handlerThreads) {

    public ServeConfig {
        if (port < 0 || port > 65535) {
            throw ZeroWasteException.badInput("--port must be 0..65535 (got " + port + ")");
        }
        if (maxBatch < 1 || queue < 1 || maxWaitMs < 0 || maxBodyBytes < 1 || maxInstances < 1 || handlerThreads < 1) {
            throw ZeroWasteException.badInput("--max-batch and --queue must be at least 1, --max-wait-ms not negative");
        }
    }

    public static ServeConfig defaults() {
        return new ServeConfig("127.0.0.1", 8080, 64, 5, 1024, 4 << 20, 256, 8);
    }

    public ServeConfig with(String h, int p, int batch, int waitMs, int q) {
        return new ServeConfig(h, p, batch, waitMs, q, maxBodyBytes, maxInstances, handlerThreads);
    }
}
