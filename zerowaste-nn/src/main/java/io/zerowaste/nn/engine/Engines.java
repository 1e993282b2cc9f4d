package io.zerowaste.nn.engine;

import ai.djl.engine.Engine;
import io.zerowaste.core.ZeroWasteException;

/**
 * Starts the PyTorch engine offline with a thread count and seeds it. The thread count is read once at
 * engine start, so it is set here before anything touches the engine.
 */
public final class Engines {

    public static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

    private Engines() {}

    /** The engine, started with {@code -Dai.djl.pytorch.num_threads} defaulting to the core count. */
    public static Engine pytorch() {
        if (System.getProperty(THREADS_PROPERTY) == null) {
            System.setProperty(THREADS_PROPERTY, Integer.toString(Runtime.getRuntime().availableProcessors()));
        }
        if (System.getProperty("ai.djl.offline") == null && System.getenv("DJL_OFFLINE") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        try {
            return Engine.getEngine("PyTorch");
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw ZeroWasteException.failure("cannot start the PyTorch engine: " + e.getMessage()
                    + " (the pytorch-native-cpu jar must be on the classpath; rebuild with ./zerowaste or mvn package)", e);
        }
    }

    /**
     * Turns autograd off on the calling thread. PyTorch's grad mode is per thread and the engine turns it off only on
     * the thread that started it: a model loaded on another thread fails ("a leaf Variable that requires grad is being
     * used in an in-place operation"), and a forward pass there records a graph nobody uses.
     */
    public static void inferenceOnlyOnThisThread() {
        pytorch();
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
    }

    /** Seeds torch's generator (and DJL's) for this run. */
    public static void seed(long seed) {
        pytorch().setRandomSeed((int) (seed & 0x7fffffff));
    }

    public static String djlVersion() {
        return Engine.getDjlVersion();
    }

    public static String pytorchVersion() {
        return pytorch().getVersion();
    }
}
