package io.zerowaste.cli;

import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.DatasetLocator;
import io.zerowaste.core.data.DecodeCache;
import io.zerowaste.core.data.ImageOptions;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.nn.bundle.BundleManifest;
import io.zerowaste.nn.bundle.ModelBundle;
import io.zerowaste.nn.model.ArchitectureSpec;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --data DIR}, {@code --channels}, {@code --image-size}: shared by every command that reads a dataset. */
final class DataOptions {

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder of IDX files (train-images-idx3-ubyte[.gz], …) or an image folder (DIR/train/<class>/*.png|jpg|jpeg|bmp,"
                    + " optional DIR/test/<class>/…), detected automatically. Default: $ZEROWASTE_DATA, else "
                    + "/usr/share/datasets/fashion-mnist (Debian package dataset-fashion-mnist).")
    Path data;

    @Option(names = "--channels", paramLabel = "1|3",
            description = "Model input channels; every image is converted (grey repeated, colour to luma). Default: what most "
                    + "images are (for a command given a model: the model's).")
    Integer channels;

    @Option(names = "--image-size", paramLabel = "S",
            description = "Resize to S×S keeping the aspect ratio and crop the centre (area average when shrinking, bilinear when "
                    + "enlarging). Default: the most common size (for a command given a model: the model's).")
    Integer imageSize;

    Path folder() {
        return DatasetLocator.resolve(data, System.getenv());
    }

    ImageOptions options() {
        return ImageOptions.of(channels, imageSize);
    }

    Dataset load() {
        return load(options());
    }

    /**
     * An image folder preprocessed to the input shape of the model in {@code modelDir} (unless --channels or
     * --image-size say otherwise), as training did. IDX files are taken as they are unless the flags say otherwise
     * (a model's bundle then refuses images of another shape), as is any folder when {@code modelDir} holds no
     * readable manifest, whose error the command reports.
     */
    Dataset loadFor(Path modelDir) {
        ImageOptions asked = options();
        if (!DatasetLocator.isImageFolder(folder())) {
            return load(asked);
        }
        ArchitectureSpec a;
        try {
            BundleManifest m = ModelBundle.readManifest(modelDir);
            a = m.architecture();
        } catch (ZeroWasteException e) {
            return load(asked);
        }
        return load(new ImageOptions(channels != null ? channels : a.channels(), imageSize != null ? imageSize : a.height(),
                imageSize != null ? imageSize : a.width()));
    }

    private Dataset load(ImageOptions options) {
        Path dir = folder();
        Console.info("loading " + dir);
        long start = System.nanoTime();
        Dataset d = DatasetLocator.load(dir, options, new DecodeProgressBar(), DecodeCache.defaultCache(System.getenv()));
        ImageSet t = d.train();
        Console.info(String.format(Locale.ROOT, "loaded %d train and %d test images of %dx%dx%d (channels x height x width), %d classes, in %.1f s",
                t.size(), d.test().size(), t.channels(), t.rows(), t.cols(), d.numClasses(), (System.nanoTime() - start) / 1e9));
        return d;
    }
}
