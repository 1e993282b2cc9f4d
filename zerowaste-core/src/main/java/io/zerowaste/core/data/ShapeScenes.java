package io.zerowaste.core.data;

import io.zerowaste.core.Seeds;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * A small colour data set made from a seed, so tests and demos can cover 3 channels and another size without a
 * download: 32×32 RGB scenes of one shape (10 classes) in a random colour, position, size and rotation, on a
 * textured background (stripes, checks, a gradient or noise in two random colours). The class is the shape, never
 * the colour. Rendering is pure Java arithmetic (4×4 supersampling of exact shape tests), so the same seed gives
 * the same pixels everywhere.
 */
public final class ShapeScenes {

    public static final int SIZE = 32;
    public static final List<String> CLASSES = List.of("circle", "square", "triangle", "diamond", "plus", "ring", "star", "hexagon",
            "crescent", "tee");
    private static final int SUPER = 4;

    private ShapeScenes() {}

    /** {@code perClass} images of each class, as one 3-channel image set (labels in class order, images interleaved). */
    public static ImageSet generate(int perClass, long seed) {
        int n = perClass * CLASSES.size();
        int size = 3 * SIZE * SIZE;
        byte[] px = new byte[n * size];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % CLASSES.size();
            Random rnd = new Random(Seeds.split(seed, "shape-scene/" + i));
            System.arraycopy(render(labels[i], rnd), 0, px, i * size, size);
        }
        return new ImageSet(px, labels, 3, SIZE, SIZE);
    }

    /**
     * Writes an image folder {@code out/train/<class>/*.png} and {@code out/test/<class>/*.png} (train and test
     * from different seeds), atomically: the folder appears whole or not at all.
     */
    public static void writeFolder(Path out, int trainPerClass, int testPerClass, long seed) {
        ImageSet train = generate(trainPerClass, Seeds.split(seed, "train"));
        ImageSet test = generate(testPerClass, Seeds.split(seed, "test"));
        AtomicFiles.writeFolder(out, tmp -> {
            writeSplit(tmp.resolve("train"), train);
            writeSplit(tmp.resolve("test"), test);
        });
    }

    private static void writeSplit(Path dir, ImageSet set) throws IOException {
        int width = Integer.toString(CLASSES.size() - 1).length();
        for (int i = 0; i < set.size(); i++) {
            int label = set.labels()[i];
            Path classDir = dir.resolve(String.format("%0" + width + "d-%s", label, CLASSES.get(label)));
            Files.createDirectories(classDir);
            if (!ImageIO.write(toImage(set, i), "png", classDir.resolve(String.format("%05d.png", i)).toFile())) {
                throw ZeroWasteException.failure("no PNG writer in this Java runtime", null);
            }
        }
    }

    /** Image {@code i} of a 3-channel set as an RGB picture. */
    public static BufferedImage toImage(ImageSet set, int i) {
        BufferedImage img = new BufferedImage(set.cols(), set.rows(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < set.rows(); y++) {
            for (int x = 0; x < set.cols(); x++) {
                img.setRGB(x, y, set.pixel(i, 0, y, x) << 16 | set.pixel(i, 1, y, x) << 8 | set.pixel(i, 2, y, x));
            }
        }
        return img;
    }

    /** One scene of class {@code label}: 3×32×32 bytes. */
    static byte[] render(int label, Random rnd) {
        double[] bgA = colour(rnd);
        double[] bgB = colour(rnd);
        double[] fg = colour(rnd);
        for (int tries = 0; tries < 50 && (distance(fg, bgA) < 0.45 || distance(fg, bgB) < 0.45); tries++) {
            fg = colour(rnd); // the shape must stand out from both background colours
        }
        int texture = rnd.nextInt(4);
        double period = 3 + rnd.nextInt(5);
        double angle = rnd.nextDouble() * Math.PI;
        double radius = 7 + rnd.nextDouble() * 5;
        double cx = SIZE / 2.0 + (rnd.nextDouble() - 0.5) * 8;
        double cy = SIZE / 2.0 + (rnd.nextDouble() - 0.5) * 8;
        double rot = (rnd.nextDouble() - 0.5) * Math.toRadians(40);
        double cos = Math.cos(rot);
        double sin = Math.sin(rot);
        double[] noise = new double[SIZE * SIZE];
        for (int p = 0; p < noise.length; p++) {
            noise[p] = rnd.nextDouble();
        }
        byte[] out = new byte[3 * SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double t = backgroundMix(texture, x, y, period, angle, noise[y * SIZE + x]);
                int inside = 0;
                for (int sy = 0; sy < SUPER; sy++) {
                    for (int sx = 0; sx < SUPER; sx++) {
                        double px = x + (sx + 0.5) / SUPER - cx;
                        double py = y + (sy + 0.5) / SUPER - cy;
                        double u = (cos * px + sin * py) / radius;
                        double v = (-sin * px + cos * py) / radius;
                        inside += inside(label, u, v) ? 1 : 0;
                    }
                }
                double cover = inside / (double) (SUPER * SUPER);
                for (int c = 0; c < 3; c++) {
                    double bg = bgA[c] * (1 - t) + bgB[c] * t;
                    double v = bg * (1 - cover) + fg[c] * cover;
                    out[c * SIZE * SIZE + y * SIZE + x] = (byte) Math.max(0, Math.min(255, Math.round(v * 255)));
                }
            }
        }
        return out;
    }

    /** How much of background colour B shows at (x, y), 0..1. */
    private static double backgroundMix(int texture, int x, int y, double period, double angle, double noise) {
        return switch (texture) {
            case 0 -> (Math.floor((x * Math.cos(angle) + y * Math.sin(angle)) / period) % 2 + 2) % 2; // stripes
            case 1 -> (Math.floor(x / period) + Math.floor(y / period)) % 2; // checks
            case 2 -> (x * Math.cos(angle) + y * Math.sin(angle) + SIZE) / (3.0 * SIZE); // gradient
            default -> noise; // noise
        };
    }

    /** Whether (u, v), in the shape's own frame (radius 1), is inside shape {@code label}. */
    static boolean inside(int label, double u, double v) {
        double r2 = u * u + v * v;
        return switch (label) {
            case 0 -> r2 <= 1; // circle
            case 1 -> Math.abs(u) <= 0.8 && Math.abs(v) <= 0.8; // square
            case 2 -> polygon(u, v, 3, -Math.PI / 2, 1, 1); // triangle, point up
            case 3 -> Math.abs(u) + Math.abs(v) <= 1; // diamond
            case 4 -> (Math.abs(u) <= 0.3 && Math.abs(v) <= 1) || (Math.abs(v) <= 0.3 && Math.abs(u) <= 1); // plus
            case 5 -> r2 <= 1 && r2 >= 0.55 * 0.55; // ring
            case 6 -> polygon(u, v, 5, -Math.PI / 2, 1, 0.45); // five-pointed star
            case 7 -> polygon(u, v, 6, 0, 1, 1); // hexagon
            case 8 -> r2 <= 1 && (u - 0.45) * (u - 0.45) + v * v > 0.7 * 0.7; // crescent
            case 9 -> (Math.abs(u) <= 1 && v >= -1 && v <= -0.5) || (Math.abs(u) <= 0.25 && v >= -1 && v <= 1); // tee
            default -> throw new IllegalArgumentException("no shape " + label);
        };
    }

    /**
     * Inside a regular polygon of {@code k} points (outer radius {@code outer}), or a star when {@code inner}
     * is smaller (k points alternating with k inner vertices); ray casting over its vertices.
     */
    private static boolean polygon(double u, double v, int k, double start, double outer, double inner) {
        int n = inner < outer ? 2 * k : k;
        boolean in = false;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            double[] a = vertex(i, n, k, start, outer, inner);
            double[] b = vertex(j, n, k, start, outer, inner);
            if ((a[1] > v) != (b[1] > v) && u < (b[0] - a[0]) * (v - a[1]) / (b[1] - a[1]) + a[0]) {
                in = !in;
            }
        }
        return in;
    }

    private static double[] vertex(int i, int n, int k, double start, double outer, double inner) {
        double angle = start + 2 * Math.PI * i / n;
        double r = n == k || i % 2 == 0 ? outer : inner;
        return new double[] {r * Math.cos(angle), r * Math.sin(angle)};
    }

    private static double[] colour(Random rnd) {
        return new double[] {rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()};
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int c = 0; c < 3; c++) {
            s += (a[c] - b[c]) * (a[c] - b[c]);
        }
        return Math.sqrt(s);
    }
}
