package io.zerowaste.spark;

import io.zerowaste.core.ZeroWasteException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Starts the SparkSession zerowaste runs on: the master checked first (an unreachable one is a one-line error, not
 * a minute of retries), one intra-op thread per task on the executors, DJL offline, and for local and loopback
 * masters the driver on 127.0.0.1 (otherwise Spark picks a non-loopback interface).
 */
public final class SparkSessions {

    /** Where a standalone master listens by default (scripts/spark-cluster.sh). */
    public static final String LOCAL_STANDALONE = "spark://127.0.0.1:7077";
    /** The shaded jar executors of a standalone cluster load zerowaste from, when not launched by spark-submit. */
    public static final String JAR_PROPERTY = "zerowaste.spark.jar";

    private SparkSessions() {}

    /** The master to use: {@code flag}, else the one spark-submit set, else {@code local[*]}. */
    public static String master(String flag) {
        if (flag != null) {
            return flag;
        }
        return System.getProperty("spark.master", "local[*]");
    }

    /** A session on {@code master} with zerowaste's settings, {@code extra} last (it may override them). */
    public static SparkSession start(String master, String app, Map<String, String> extra) {
        checkReachable(master);
        Map<String, String> conf = new LinkedHashMap<>();
        boolean loopback = master.startsWith("local") || master.contains("127.0.0.1") || master.contains("localhost");
        if (loopback) {
            conf.put("spark.driver.host", "127.0.0.1");
            conf.put("spark.driver.bindAddress", "127.0.0.1");
        }
        conf.put("spark.ui.enabled", "false");
        conf.put("spark.ui.showConsoleProgress", "false");
        conf.put("spark.sql.shuffle.partitions", "4");
        conf.put("spark.executorEnv.DJL_OFFLINE", "true");
        String cache = System.getenv("DJL_CACHE_DIR");
        if (cache != null) {
            conf.put("spark.executorEnv.DJL_CACHE_DIR", cache);
        }
        // one libtorch thread per task: Spark runs one task per core, more threads would fight over the cores
        conf.put("spark.executor.extraJavaOptions", "-Dai.djl.pytorch.num_threads=1 -Dai.djl.offline=true");
        conf.put("spark.executorEnv.MALLOC_ARENA_MAX", "1");
        String jar = System.getProperty(JAR_PROPERTY);
        if (master.startsWith("spark://") && System.getProperty("spark.jars") == null) {
            if (jar == null || !new java.io.File(jar).isFile()) {
                throw ZeroWasteException.badInput("a standalone master needs the shaded -spark jar for its executors (build it "
                        + "with 'mvn -Pspark-jar -pl zerowaste-spark -am package -DskipTests', or submit with scripts/spark-cluster.sh submit)");
            }
            conf.put("spark.jars", jar);
        }
        conf.putAll(extra);
        SparkSession.Builder b = SparkSession.builder().master(master).appName(app);
        conf.forEach(b::config);
        try {
            return b.getOrCreate();
        } catch (RuntimeException e) {
            throw ZeroWasteException.failure("cannot start Spark on " + master + ": " + e.getMessage()
                    + " (check --master and that SPARK_LOCAL_IP=127.0.0.1 for local runs)", e);
        }
    }

    /** Refuses a {@code spark://host:port[,host:port]} master none of whose hosts accepts a connection. */
    public static void checkReachable(String master) {
        if (!master.startsWith("spark://")) {
            if (!master.startsWith("local") && !master.startsWith("yarn") && !master.startsWith("k8s://")) {
                throw ZeroWasteException.badInput("unknown --master '" + master + "' (use local[N], spark://HOST:PORT, yarn or k8s://…)");
            }
            return;
        }
        StringBuilder tried = new StringBuilder();
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            int port;
            try {
                port = colon < 0 ? 7077 : Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw ZeroWasteException.badInput("bad --master '" + master + "' (use spark://HOST:PORT)");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 3000);
                return;
            } catch (IOException e) {
                tried.append(tried.length() == 0 ? "" : ", ").append(host).append(':').append(port);
            }
        }
        throw ZeroWasteException.badInput("cannot reach the Spark master at " + tried + " (start one with "
                + "'scripts/spark-cluster.sh start', or check --master)");
    }
}
