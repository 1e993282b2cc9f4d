package io.zerowaste.core.data;

import io.zerowaste.core.Seeds;
import io.zerowaste.core.ZeroWasteException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Loads an image folder ({@link ImageFolderScan}) as a {@link Dataset}: every image decoded and preprocessed
 * ({@link ImagePreprocessing}) to one shape, through the {@link DecodeCache}. When the folder has no
 * {@code test/}, a seeded sixth of {@code train/} is held out as the test split (the same sixth on every run,
 * whatever the run's seed). Each split is then put in a fixed seeded order, so that the first N images (a
 * {@code --train-limit}) hold every class, as they do in IDX files.
 */
public final class ImageFolderReader {

    public static final int HOLD_OUT_DENOMINATOR = 6;
    static final long HOLD_OUT_SEED = Seeds.split(0, "image-folder/held-out-test");
    static final long ORDER_SEED = Seeds.split(0, "image-folder/order");

    private ImageFolderReader() {}

    public static Dataset load(Path dir, ImageOptions options, DecodeCache cache, DecodeProgress progress) {
        ImageFolderScan.Result scan = ImageFolderScan.scan(dir);
        if (scan.skipped() > 0) {
            progress.note("skipped " + scan.skipped() + " non-image file" + (scan.skipped() == 1 ? "" : "s") + " in " + dir
                    + " (e.g. " + scan.firstSkipped() + "; only .png, .jpg, .jpeg and .bmp are read)");
        }
        List<ImageFolderScan.SplitFiles> splits = scan.test() == null ? List.of(scan.train()) : List.of(scan.train(), scan.test());
        List<String> names = splits.stream().map(ImageFolderScan.SplitFiles::name).toList();
        Map<String, ImageSet> decoded = cache.read(scan.contentHash(), options, names);
        if (decoded != null) {
            progress.note("decoded images from the cache " + cache.folder(scan.contentHash(), options));
        } else {
            decoded = decodeAll(scan, options, progress);
            if (!cache.write(scan.contentHash(), options, decoded)) {
                progress.note("could not write the decode cache under " + cache.root()
                        + " (set " + DecodeCache.ENV_VAR + " to a writable folder to decode only once)");
            }
        }
        ImageSet train = decoded.get("train");
        ImageSet test = decoded.get("test");
        if (test == null) {
            int[][] parts = holdOut(train.size());
            test = train.subset(parts[1]);
            train = train.subset(parts[0]);
            progress.note(dir + " has no test/ folder: a seeded 1/" + HOLD_OUT_DENOMINATOR + " of train/ (" + test.size()
                    + " images) is held out as the test split");
        }
        // folders list images class by class; a seeded shuffle makes every prefix (--train-limit) hold every class
        return new Dataset(DatasetLocator.nameOf(dir), scan.contentHash(), shuffled(train, "train"), shuffled(test, "test"), scan.classes());
    }

    /** The set in a fixed seeded order (the same on every run). */
    static ImageSet shuffled(ImageSet set, String split) {
        return set.subset(Split.permutation(set.size(), new Random(Seeds.split(ORDER_SEED, split))));
    }

    /** Indices kept for training and held out for test, both in order. */
    static int[][] holdOut(int n) {
        int[] perm = Split.permutation(n, new Random(HOLD_OUT_SEED));
        int nTest = n / HOLD_OUT_DENOMINATOR;
        int[] test = Arrays.copyOfRange(perm, 0, nTest);
        int[] train = Arrays.copyOfRange(perm, nTest, n);
        Arrays.sort(test);
        Arrays.sort(train);
        return new int[][] {train, test};
    }

    private static Map<String, ImageSet> decodeAll(ImageFolderScan.Result scan, ImageOptions options, DecodeProgress progress) {
        int[] shape = resolveShape(scan.train().files(), scan.trainHeaders(), options);
        Map<String, ImageSet> out = new LinkedHashMap<>();
        out.put("train", decode(scan.train(), shape, progress));
        if (scan.test() != null) {
            out.put("test", decode(scan.test(), shape, progress));
        }
        return out;
    }

    /** Channels, height and width: as asked, else the majority channel count and the most common size of train/. */
    static int[] resolveShape(List<Path> files, int[][] known, ImageOptions options) {
        if (options.channels() != null && options.hasSize()) {
            return new int[] {options.channels(), options.height(), options.width()};
        }
        int[][] headers = known.clone();
        IntStream.range(0, files.size()).parallel().filter(i -> headers[i] == null)
                .forEach(i -> headers[i] = ImagePreprocessing.probe(readBytes(files.get(i)), files.get(i).toString()));
        int grey = 0;
        Map<Long, Integer> sizes = new HashMap<>();
        for (int[] h : headers) {
            grey += h[0] == 1 ? 1 : 0;
            sizes.merge(((long) h[1] << 32) | h[2], 1, Integer::sum);
        }
        // a tie goes to colour, which keeps what the images hold
        int channels = options.channels() != null ? options.channels() : (2 * grey > headers.length ? 1 : 3);
        if (options.hasSize()) {
            return new int[] {channels, options.height(), options.width()};
        }
        long common = sizes.entrySet().stream()
                .max(Comparator.<Map.Entry<Long, Integer>>comparingInt(Map.Entry::getValue).thenComparing(Map.Entry::getKey,
                        Comparator.reverseOrder()))
                .orElseThrow().getKey();
        int h = (int) (common >>> 32);
        int w = (int) common;
        if (h > ImageOptions.MAX_SIDE || w > ImageOptions.MAX_SIDE) {
            throw ZeroWasteException.badInput("the most common image size in the folder is " + h + "x" + w
                    + ", larger than " + ImageOptions.MAX_SIDE + " pixels (pass --image-size S, e.g. --image-size 224)");
        }
        return new int[] {channels, h, w};
    }

    private static ImageSet decode(ImageFolderScan.SplitFiles split, int[] shape, DecodeProgress progress) {
        int n = split.files().size();
        int size = shape[0] * shape[1] * shape[2];
        if ((long) n * size > Integer.MAX_VALUE - 8) {
            throw ZeroWasteException.badInput(split.name() + "/ holds " + n + " images of " + shape[0] + "x" + shape[1] + "x"
                    + shape[2] + " bytes, more than one array can hold (pass a smaller --image-size)");
        }
        byte[] px = new byte[n * size];
        AtomicInteger done = new AtomicInteger();
        int step = Math.max(1, n / 100);
        progress.decoded(split.name(), 0, n);
        IntStream.range(0, n).parallel().forEach(i -> {
            Path f = split.files().get(i);
            byte[] img = ImagePreprocessing.preprocess(ImagePreprocessing.read(readBytes(f), f.toString()), shape[0], shape[1], shape[2]);
            System.arraycopy(img, 0, px, i * size, size);
            int d = done.incrementAndGet();
            if (d % step == 0 || d == n) {
                progress.decoded(split.name(), d, n);
            }
        });
        return new ImageSet(px, split.labels().clone(), shape[0], shape[1], shape[2]);
    }

    private static byte[] readBytes(Path f) {
        return ImageFolderScan.read(f);
    }

    /** An IDX set converted to the asked channels and size (unchanged when nothing is asked). */
    static ImageSet reshape(ImageSet set, ImageOptions options) {
        int c = options.channels() != null ? options.channels() : set.channels();
        int h = options.hasSize() ? options.height() : set.rows();
        int w = options.hasSize() ? options.width() : set.cols();
        if (c == set.channels() && h == set.rows() && w == set.cols()) {
            return set;
        }
        int in = set.imageSize();
        int out = c * h * w;
        byte[] px = new byte[set.size() * out];
        IntStream.range(0, set.size()).parallel().forEach(i -> {
            byte[] one = Arrays.copyOfRange(set.pixels(), i * in, (i + 1) * in);
            byte[] conv = ImagePreprocessing.preprocess(new ImagePreprocessing.Decoded(one, set.channels(), set.rows(), set.cols()), c, h, w);
            System.arraycopy(conv, 0, px, i * out, out);
        });
        return new ImageSet(px, set.labels(), c, h, w);
    }
}
