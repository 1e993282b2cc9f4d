package io.zerowaste.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small tmpfs mounted on a folder for one test: a full disk (size=64k) or, remounted read-only, a folder no
 * one can write, root included. Needs root; tests that use it are skipped otherwise.
 */
final class Tmpfs implements AutoCloseable {

    private final Path dir;

    private Tmpfs(Path dir) {
        this.dir = dir;
    }

    static boolean isRoot() {
        return "0".equals(output("id", "-u"));
    }

    static Tmpfs mount(Path dir, String options) throws IOException {
        assumeTrue(isRoot(), "mounting a tmpfs needs root");
        Files.createDirectories(dir);
        assumeTrue(exec("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString()) == 0, "mount -t tmpfs failed");
        return new Tmpfs(dir);
    }

    void remount(String options) {
        if (exec("mount", "-o", "remount," + options, dir.toString()) != 0) {
            throw new IllegalStateException("cannot remount " + dir + " " + options);
        }
    }

    @Override
    public void close() {
        exec("umount", "-l", dir.toString());
    }

    private static int exec(String... cmd) {
        try {
            return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String output(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor();
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
