package io.zerowaste.cli;

import io.zerowaste.core.data.IdxReader;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.core.io.AtomicFiles;
import io.zerowaste.exits.app.ExitsInference;
import io.zerowaste.exits.predict.PredictionFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code zerowaste exits predict}: per image the label, confidence, exit head and cost fraction, as CSV or JSON. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict images with dynamic early exits: per sample the label, confidence, exit head and cost fraction.")
final class ExitsPredictCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "An exits bundle.")
    Path model;

    @Option(names = "--threshold", paramLabel = "T", description = "Exit threshold (patience for PBEE); default: the bundle's calibrated one.")
    Double threshold;

    @Option(names = "--images", required = true, paramLabel = "FILE", description = "An IDX images file (.idx3-ubyte[.gz]).")
    Path images;

    @Option(names = "--format", paramLabel = "csv|json", description = "Output format (default: ${DEFAULT-VALUE}).")
    String format = "csv";

    @Option(names = "--out", paramLabel = "FILE", description = "Write to a file (atomically) instead of stdout.")
    Path out;

    @Mixin
    PrecisionOption precision;

    @Override
    public Integer call() {
        PredictionFormat f = PredictionFormat.of(format);
        ImageSet set = IdxReader.readImagesOnly(images);
        ExitsInference.Outcome o = ExitsInference.predict(model, set, threshold, precision.forBundle(model).precision());
        String text = f.write(o.predictions(), o.classNames());
        if (out != null) {
            AtomicFiles.write(out, text.getBytes(StandardCharsets.UTF_8));
            Console.info("wrote " + out);
        } else {
            System.out.print(text);
        }
        return ZeroWasteCli.OK;
    }
}
