package io.zerowaste.core.data;

import io.zerowaste.core.ZeroWasteException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Finds and loads a data set: {@code --data DIR}, else {@code $ZEROWASTE_DATA}, else the Debian package's
 * folder. The folder's layout is detected: a {@code train/} subfolder makes it an image folder
 * ({@link ImageFolderReader}), otherwise it holds IDX files.
 */
public final class DatasetLocator {

    public static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");
    public static final String DEBIAN_PACKAGE = "dataset-fashion-mnist";
    public static final String ENV_VAR = "ZEROWASTE_DATA";

    static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private DatasetLocator() {}

    /** Whether these are Fashion-MNIST's classes (clothes can be mirrored; digits cannot). */
    public static boolean isFashion(List<String> classNames) {
        return FASHION_CLASSES.equals(classNames);
    }

    /**
     * Whether training flips images by default: yes for Fashion-MNIST and for classes with names (an image
     * folder's photos), no when every class is a bare number (digits, whose mirror images are not digits).
     */
    public static boolean flipByDefault(List<String> classNames) {
        return isFashion(classNames) || !classNames.stream().allMatch(n -> n.matches("[0-9]+"));
    }

    /** Whether {@code dir} is an image folder (it has a {@code train/} folder) rather than a folder of IDX files. */
    public static boolean isImageFolder(Path dir) {
        return ImageFolderScan.isImageFolder(dir);
    }

    /** The folder to read: the flag, else the environment variable, else the Debian default. */
    public static Path resolve(Path flag, Map<String, String> env) {
        if (flag != null) {
            return flag;
        }
        String fromEnv = env.get(ENV_VAR);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return DEBIAN_FASHION_MNIST;
    }

    /** Loads the folder as it is (native channels and size), with a clear message when it or a file in it is missing. */
    public static Dataset load(Path dir) {
        return load(dir, ImageOptions.AUTO, DecodeProgress.SILENT, DecodeCache.defaultCache(System.getenv()));
    }

    /**
     * Loads an IDX folder or an image folder, converted to the asked channels and size; an image folder's
     * decoded images go through {@code cache}.
     */
    public static Dataset load(Path dir, ImageOptions options, DecodeProgress progress, DecodeCache cache) {
        if (!Files.isDirectory(dir)) {
            String hint = dir.equals(DEBIAN_FASHION_MNIST)
                    ? "install it with 'apt-get install " + DEBIAN_PACKAGE + "' or pass --data DIR"
                    : "pass --data with a folder that holds train-images-idx3-ubyte[.gz] and the other IDX files,"
                            + " or train/<class>/ image folders";
            throw ZeroWasteException.badInput("dataset folder not found: " + dir + " (" + hint + ")");
        }
        if (ImageFolderScan.isImageFolder(dir)) {
            return ImageFolderReader.load(dir, options, cache, progress);
        }
        Dataset idx = loadIdx(dir);
        if (options.isAuto()) {
            return idx;
        }
        return new Dataset(idx.name(), idx.contentHash(), ImageFolderReader.reshape(idx.train(), options),
                ImageFolderReader.reshape(idx.test(), options), idx.classNames());
    }

    private static Dataset loadIdx(Path dir) {
        Path trainImages = find(dir, "train-images-idx3-ubyte");
        Path trainLabels = find(dir, "train-labels-idx1-ubyte");
        Path testImages = find(dir, "t10k-images-idx3-ubyte");
        Path testLabels = find(dir, "t10k-labels-idx1-ubyte");
        ImageSet train = IdxReader.readImages(trainImages, trainLabels);
        ImageSet test = IdxReader.readImages(testImages, testLabels);
        if (train.rows() != test.rows() || train.cols() != test.cols()) {
            throw ZeroWasteException.badInput("train images are " + train.rows() + "x" + train.cols()
                    + " but test images are " + test.rows() + "x" + test.cols() + " in " + dir);
        }
        String hash = hash(List.of(trainImages, trainLabels, testImages, testLabels));
        int classes = Math.max(train.numClasses(), test.numClasses());
        return new Dataset(nameOf(dir), hash, train, test, classNames(dir, classes));
    }

    /** Fashion-MNIST's names when the folder says so, else "0", "1", ... */
    static List<String> classNames(Path dir, int classes) {
        if (nameOf(dir).toLowerCase().contains("fashion") && classes == FASHION_CLASSES.size()) {
            return FASHION_CLASSES;
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < classes; i++) {
            names.add(Integer.toString(i));
        }
        return List.copyOf(names);
    }

    static String nameOf(Path dir) {
        Path n = dir.toAbsolutePath().normalize().getFileName();
        return n == null ? "dataset" : n.toString();
    }

    static Path find(Path dir, String base) {
        for (String name : List.of(base + ".gz", base, base.replace("-idx", ".idx") + ".gz", base.replace("-idx", ".idx"))) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw ZeroWasteException.badInput("missing IDX file " + base + "[.gz] in " + dir
                + " (a dataset folder needs train-images, train-labels, t10k-images and t10k-labels IDX files,"
                + " or a train/ folder of class folders of images)");
    }

    private static String hash(List<Path> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (Path f : files) {
                try (InputStream in = new DigestInputStream(Files.newInputStream(f), sha)) {
                    while (in.read(buf) >= 0) {
                        // the digest stream does the work
                    }
                }
            }
            return "sha256:" + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw ZeroWasteException.failure("cannot hash the dataset files: " + e.getMessage(), e);
        }
    }
}
