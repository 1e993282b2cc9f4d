package io.zerowaste.core.data;

import io.zerowaste.core.ZeroWasteException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The files of an image folder in the ImageFolder convention ({@code DIR/train/<class>/*.png|jpg|jpeg|bmp}, and
 * {@code DIR/test/<class>/…} when there is a test split): class names are the train folder names, sorted; files
 * are taken in name order; anything that is not an image is skipped and counted. Also hashes every file's
 * path and bytes, the folder's identity for provenance and the decode cache.
 */
final class ImageFolderScan {

    static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp");

    /** The images of one split: files and their labels. */
    record SplitFiles(String name, List<Path> files, int[] labels) {}

    /**
     * What the scan found; {@code test} is null when the folder has no test split. {@code trainHeaders} holds each
     * train image's channels, height and width when its header could be read on the way (PNG), else null.
     */
    record Result(List<String> classes, SplitFiles train, SplitFiles test, int skipped, Path firstSkipped, String contentHash,
            int[][] trainHeaders) {}

    private ImageFolderScan() {}

    /** Whether {@code dir} is laid out as an image folder (it has a {@code train/} folder). */
    static boolean isImageFolder(Path dir) {
        return Files.isDirectory(dir.resolve("train"));
    }

    static Result scan(Path dir) {
        Path trainDir = dir.resolve("train");
        Path testDir = dir.resolve("test");
        List<String> classes = classFolders(trainDir);
        if (classes.isEmpty()) {
            throw ZeroWasteException.badInput("no class folders in " + trainDir
                    + " (an image folder holds train/<class>/*.png|jpg|jpeg|bmp, one folder per class)");
        }
        int[] skipped = new int[1];
        Path[] firstSkipped = new Path[1];
        SplitFiles train = split("train", trainDir, classes, skipped, firstSkipped);
        SplitFiles test = null;
        if (Files.isDirectory(testDir)) {
            for (String c : classFolders(testDir)) {
                if (!classes.contains(c)) {
                    throw ZeroWasteException.badInput("class '" + c + "' in " + testDir + " has no folder in " + trainDir
                            + " (the model can only learn classes it trains on: add train/" + c + " or remove test/" + c + ")");
                }
            }
            test = split("test", testDir, classes, skipped, firstSkipped);
        }
        int[][][] headers = new int[2][][];
        String hash = hash(dir, train, test, headers);
        return new Result(classes, train, test, skipped[0], firstSkipped[0], hash, headers[0]);
    }

    private static List<String> classFolders(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw ZeroWasteException.badInput("cannot list " + dir + ": " + e.getMessage());
        }
    }

    /** The split's images, class by class; a class folder of the train split with no image is an error. */
    private static SplitFiles split(String name, Path dir, List<String> classes, int[] skipped, Path[] firstSkipped) {
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        countLooseFiles(dir, skipped, firstSkipped);
        for (int label = 0; label < classes.size(); label++) {
            Path classDir = dir.resolve(classes.get(label));
            if (!Files.isDirectory(classDir)) {
                continue; // a test split need not have every class
            }
            List<Path> entries;
            try (Stream<Path> s = Files.list(classDir)) {
                entries = s.sorted().toList();
            } catch (IOException e) {
                throw ZeroWasteException.badInput("cannot list " + classDir + ": " + e.getMessage());
            }
            int images = 0;
            for (Path f : entries) {
                if (Files.isRegularFile(f) && isImageName(f)) {
                    files.add(f);
                    labels.add(label);
                    images++;
                } else {
                    skip(f, skipped, firstSkipped);
                }
            }
            if (images == 0) {
                throw ZeroWasteException.badInput("empty class folder " + classDir
                        + ": it holds no .png, .jpg, .jpeg or .bmp image (add images or remove the folder)");
            }
        }
        return new SplitFiles(name, List.copyOf(files), labels.stream().mapToInt(Integer::intValue).toArray());
    }

    private static void countLooseFiles(Path dir, int[] skipped, Path[] firstSkipped) {
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> !Files.isDirectory(p)).sorted().forEach(p -> skip(p, skipped, firstSkipped));
        } catch (IOException e) {
            throw ZeroWasteException.badInput("cannot list " + dir + ": " + e.getMessage());
        }
    }

    private static void skip(Path f, int[] skipped, Path[] firstSkipped) {
        skipped[0]++;
        if (firstSkipped[0] == null) {
            firstSkipped[0] = f;
        }
    }

    static boolean isImageName(Path f) {
        String n = f.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * SHA-256 over every image's split-relative path and the SHA-256 of its bytes, in scan order; the files are
     * read in parallel, and each one's header is read on the way (for the default channels and size).
     */
    private static String hash(Path dir, SplitFiles train, SplitFiles test, int[][][] headers) {
        List<SplitFiles> splits = test == null ? List.of(train) : List.of(train, test);
        MessageDigest sha = sha256();
        for (int k = 0; k < splits.size(); k++) {
            List<Path> files = splits.get(k).files();
            byte[][] digests = new byte[files.size()][];
            int[][] h = new int[files.size()][];
            IntStream.range(0, files.size()).parallel().forEach(i -> {
                byte[] bytes = read(files.get(i));
                digests[i] = sha256().digest(bytes);
                h[i] = ImagePreprocessing.pngHeader(bytes);
            });
            headers[k] = h;
            for (int i = 0; i < files.size(); i++) {
                sha.update(dir.relativize(files.get(i)).toString().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(digests[i]);
            }
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }

    static byte[] read(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw ZeroWasteException.badInput("unreadable image " + f + ": " + e.getMessage() + " (check its permissions)");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
