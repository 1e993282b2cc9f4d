package io.zerowaste.cli;

import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.data.ShapeScenes;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zerowaste data shapes OUT}: the synthetic colour data set, as an image folder. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Make data sets.", subcommands = DataCommand.Shapes.class)
final class DataCommand {

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
