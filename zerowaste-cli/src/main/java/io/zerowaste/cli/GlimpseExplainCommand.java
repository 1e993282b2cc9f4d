package io.zerowaste.cli;

import io.zerowaste.core.data.Dataset;
import io.zerowaste.glimpse.app.GlimpseExplanation;
import io.zerowaste.glimpse.explain.PictureFormat;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code zerowaste glimpse explain}: one test image's episode as a picture. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Draw one test image, the glimpses in the order taken, the reconstruction and the prediction after each step.")
final class GlimpseExplainCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "A glimpse bundle (RUN_DIR/<policy>).")
    Path model;

    @Mixin
    DataOptions data;

    @Option(names = "--index", paramLabel = "I", description = "Which test image (default: ${DEFAULT-VALUE}).")
    int index;

    @Option(names = "--policy", paramLabel = "P", description = "Another policy than the one the model was trained with.")
    String policy;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "FILE.png or FILE.svg.")
    Path out;

    @Mixin
    PrecisionOption precision;

    @Override
    public Integer call() {
        PictureFormat format = PictureFormat.of(out); // before the data loads: a wrong name fails at once
        Dataset d = data.loadFor(model);
        GlimpseExplanation.Outcome o = GlimpseExplanation.write(model, d, index, policy, out, format, precision.forModelWithBf16Form());
        Console.out("wrote " + out + " (" + o.policy() + ", " + o.glimpses() + " glimpses; true class " + o.trueClass() + ")");
        return ZeroWasteCli.OK;
    }
}
