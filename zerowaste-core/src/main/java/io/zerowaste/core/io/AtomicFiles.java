package io.zerowaste.core.io;

import io.zerowaste.core.ZeroWasteException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes files and folders so that a reader never sees a half-written one: content goes to a temporary
 * sibling, is flushed to disk, and is then moved into place in one step.
 */
public final class AtomicFiles {

    /** Writes the content of one file. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Fills a folder. */
    @FunctionalInterface
    public interface FolderWriter {
        void write(Path folder) throws IOException;
    }

    private AtomicFiles() {}

    public static void write(Path target, byte[] content) {
        write(target, out -> out.write(content));
    }

    public static void write(Path target, Writer writer) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
                writer.write(out);
            }
            fsync(tmp);
            move(tmp, target);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw ZeroWasteException.failure("cannot write " + target + ": " + reason(e)
                    + " (check the folder exists, is writable and the disk has room)", e);
        }
    }

    /**
     * Builds a whole folder beside {@code target} and swaps it in. An existing folder at {@code target}
     * is replaced only after the new one is complete. The swap is two renames; a process killed between them
     * leaves the previous folder complete at {@code .NAME.old}, which {@link #recoverFolder} puts back.
     */
    public static void writeFolder(Path target, FolderWriter writer) {
        Path abs = target.toAbsolutePath();
        Path parent = abs.getParent();
        Path tmp = null;
        Path old = previousOf(abs);
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, "." + abs.getFileName() + ".");
            writer.write(tmp);
            try (Stream<Path> files = Files.list(tmp)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    fsync(f);
                }
            }
            deleteRecursively(old); // left by a write killed while deleting it, or superseded by this one
            if (Files.exists(abs)) {
                move(abs, old);
            }
            move(tmp, abs);
            deleteRecursively(old);
        } catch (IOException e) {
            deleteRecursively(tmp);
            throw ZeroWasteException.failure("cannot write " + target + ": " + reason(e)
                    + " (check the folder is writable and the disk has room)", e);
        }
    }

    /**
     * Creates {@code dir} if needed and checks a file can be made in it, so a command refuses an unusable
     * output folder before it spends time computing what it would write there.
     */
    public static void checkWritableFolder(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-check.", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw ZeroWasteException.badInput("cannot write to the output folder " + dir + ": " + reason(e)
                    + " (pass an --out folder that is writable)", e);
        }
    }

    /** The cause in words: the JDK's messages for these are often just the path. */
    static String reason(IOException e) {
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " is in the way (it exists and is not a folder)";
        }
        if (e instanceof AccessDeniedException a) {
            return "permission denied on " + a.getFile();
        }
        if (e instanceof NotDirectoryException n) {
            return n.getFile() + " is not a folder";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return String.valueOf(e.getMessage());
    }

    /**
     * Undoes what a {@link #writeFolder} killed part-way left: puts the previous folder back when the kill came
     * between the two renames, and deletes the temporary folders of writes that never finished. Call it before
     * reading a folder that a killed process may have been replacing, while no other process writes it.
     */
    public static void recoverFolder(Path target) {
        Path abs = target.toAbsolutePath();
        Path old = previousOf(abs);
        String temporaries = "." + abs.getFileName() + ".";
        try {
            if (!Files.exists(abs) && Files.isDirectory(old)) {
                move(old, abs);
            }
            if (Files.isDirectory(abs.getParent())) {
                try (Stream<Path> siblings = Files.list(abs.getParent())) {
                    siblings.filter(p -> p.getFileName().toString().startsWith(temporaries)).forEach(AtomicFiles::deleteRecursively);
                }
            }
        } catch (IOException e) {
            throw ZeroWasteException.failure("cannot recover " + target + " after an interrupted write: " + e.getMessage(), e);
        }
    }

    /** Where {@link #writeFolder} keeps the previous folder during its swap. */
    private static Path previousOf(Path absTarget) {
        return absTarget.resolveSibling("." + absTarget.getFileName() + ".old");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void fsync(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort clean-up of a temporary file
            }
        }
    }

    public static void deleteRecursively(Path p) {
        if (p == null || !Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(AtomicFiles::deleteQuietly);
        } catch (IOException ignored) {
            // best effort clean-up
        }
    }
}
