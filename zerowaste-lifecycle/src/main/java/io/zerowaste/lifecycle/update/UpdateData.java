package io.zerowaste.lifecycle.update;

import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.IdxReader;
import io.zerowaste.core.data.ImageSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A folder of new labelled data: {@code train-images-idx3-ubyte[.gz]} and {@code train-labels-idx1-ubyte[.gz]}
 * (test files may be there too and are not read), and optionally {@code classes.txt}, one class name a line,
 * line i naming label id i. Labels are class ids, the same ids the bundle predicts.
 */
public record UpdateData(Path dir, ImageSet images, List<String> classNames, String contentHash) {

    public static final String CLASS_NAMES_FILE = "classes.txt";

    public static UpdateData load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw ZeroWasteException.badInput("new data folder not found: " + dir
                    + " (pass --data with a folder holding train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz])");
        }
        Path images = find(dir, "train-images-idx3-ubyte");
        Path labels = find(dir, "train-labels-idx1-ubyte");
        ImageSet set = IdxReader.readImages(images, labels);
        if (set.size() == 0) {
            throw ZeroWasteException.badInput("the new data in " + dir + " holds no images (an update needs labelled images)");
        }
        List<String> names = null;
        Path namesFile = dir.resolve(CLASS_NAMES_FILE);
        try {
            if (Files.isRegularFile(namesFile)) {
                names = new ArrayList<>();
                for (String line : Files.readAllLines(namesFile)) {
                    if (!line.isBlank()) {
                        names.add(line.strip());
                    }
                }
            }
            return new UpdateData(dir, set, names, "sha256:" + hash(images, labels));
        } catch (IOException e) {
            throw ZeroWasteException.badInput("cannot read " + dir + ": " + e.getMessage());
        }
    }

    /** As a dataset record for provenance (no test images). */
    public Dataset asDataset(List<String> names) {
        ImageSet none = new ImageSet(new byte[0], new int[0], images.rows(), images.cols());
        Path n = dir.toAbsolutePath().normalize().getFileName();
        return new Dataset(n == null ? "data" : n.toString(), contentHash, images, none, names);
    }

    static Path find(Path dir, String base) {
        for (String name : List.of(base + ".gz", base, base.replace("-idx", ".idx") + ".gz", base.replace("-idx", ".idx"))) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw ZeroWasteException.badInput("missing IDX file " + base + "[.gz] in " + dir
                + " (new data needs train-images and train-labels IDX files)");
    }

    private static String hash(Path a, Path b) throws IOException {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(Files.readAllBytes(a));
            sha.update(Files.readAllBytes(b));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
