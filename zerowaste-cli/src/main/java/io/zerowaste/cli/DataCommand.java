package io.zerowaste.cli;

import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.DatasetLocator;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.core.data.Normalization;
import io.zerowaste.core.data.ShapeScenes;
import io.zerowaste.core.result.Table;
import java.util.Locale;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zerowaste data shapes|inspect}: make the synthetic colour set; show what a data folder holds. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Make and inspect data sets.",
        subcommands = {DataCommand.Shapes.class, DataCommand.Inspect.class})
final class DataCommand {

    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = "Load a data folder as training would (decoding and caching an image folder) and print what the models will see.")
    static final class Inspect implements Callable<Integer> {

        @Mixin
        DataOptions data;

        @Override
        public Integer call() {
            long start = System.nanoTime();
            Dataset d = data.load();
            double seconds = (System.nanoTime() - start) / 1e9;
            ImageSet t = d.train();
            Normalization n = Normalization.fit(t);
            Table table = new Table("data set", d.name())
                    .row("layout", DatasetLocator.isImageFolder(data.folder()) ? "image folder" : "IDX files")
                    .row("content hash", d.contentHash())
                    .row("input shape", t.channels() + "x" + t.rows() + "x" + t.cols() + " (channels x height x width)")
                    .row("train images", t.size())
                    .row("test images", d.test().size())
                    .row("classes", d.numClasses() + ": " + String.join(", ", d.classNames()))
                    .row("normalization (train)", InfoCommand.normalization(n))
                    .row("load time", String.format(Locale.ROOT, "%.1f s", seconds));
            Console.out(table);
            return ZeroWasteCli.OK;
        }
    }

    @Command(name = "shapes", mixinStandardHelpOptions = true,
            description = "Write a deterministic 32x32 RGB image folder of coloured shapes on textured backgrounds (10 classes) to OUT.")
    static final class Shapes implements Callable<Integer> {

        @Parameters(paramLabel = "OUT", description = "Folder to write (train/<class>/*.png, test/<class>/*.png); replaced whole.")
        Path out;

        @Option(names = "--train-per-class", description = "Training images per class (default: ${DEFAULT-VALUE}).")
        int trainPerClass = 300;

        @Option(names = "--test-per-class", description = "Test images per class (default: ${DEFAULT-VALUE}).")
        int testPerClass = 60;

        @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
        long seed = 1;

        @Override
        public Integer call() {
            if (trainPerClass < 1 || testPerClass < 1) {
                throw ZeroWasteException.badInput("--train-per-class and --test-per-class must be at least 1");
            }
            long start = System.nanoTime();
            ShapeScenes.writeFolder(out, trainPerClass, testPerClass, seed);
            Console.out(String.format(java.util.Locale.ROOT, "wrote %d train and %d test 32x32 RGB images (%d classes) to %s in %.1f s",
                    trainPerClass * ShapeScenes.CLASSES.size(), testPerClass * ShapeScenes.CLASSES.size(), ShapeScenes.CLASSES.size(), out,
                    (System.nanoTime() - start) / 1e9));
            return ZeroWasteCli.OK;
        }
    }
}
