package io.zerowaste.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The CLI in a child JVM on the test's own classpath, its stdout and stderr in one log file: a run that can be
 * killed with SIGKILL like a real one. One libtorch thread: the reference and the resumed run then reduce in the
 * same order whatever the machine offers, and on a shared 2-core machine two threads' spinning OpenMP barriers made
 * an epoch of the fixture take 18 s instead of 0.8 s.
 */
final class CliProcess {

    private final Process process;
    private final Path log;

    private CliProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static CliProcess start(Path log, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dai.djl.pytorch.num_threads=1", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), ZeroWasteCli.class.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DJL_OFFLINE", "true");
        pb.environment().put("TORCH_CPP_LOG_LEVEL", "ERROR");
        return new CliProcess(pb.start(), log);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL on Linux: no shutdown hooks, no finally blocks, files left as they are. */
    void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Waits for the exit code; a run that hangs is killed and fails the test. */
    int waitFor(long seconds) throws InterruptedException, IOException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            killHard();
            throw new AssertionError("the CLI did not finish in " + seconds + " s; its log:\n" + log());
        }
        return process.exitValue();
    }

    String log() throws IOException {
        return Files.readString(log);
    }
}
