package io.zerowaste.spark.cli;

import io.zerowaste.exits.app.ExitsEvaluation;
import io.zerowaste.spark.SparkExitOptions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** {@code --threshold T | --budget B | --max-drop D}, as in {@code exits eval}: at most one, none for the bundle's setting. */
final class ChoiceOptions {

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Choices choices;

    static final class Choices {
        @Option(names = "--threshold", paramLabel = "T", description = "A fixed threshold (patience for PBEE).")
        Double threshold;

        @Option(names = "--budget", paramLabel = "B", description = "Best validation accuracy at a cost of at most B × the backbone (e.g. 0.5).")
        Double budget;

        @Option(names = "--max-drop", paramLabel = "D", description = "Cheapest setting within D accuracy points of the backbone on validation (e.g. 0.5).")
        Double maxDrop;
    }

    private Choices c() {
        return choices == null ? new Choices() : choices;
    }

    /** For predict: the choice in the options (validated there). */
    SparkExitOptions applyTo(SparkExitOptions o) {
        return o.withThreshold(c().threshold).withBudget(c().budget).withMaxDrop(c().maxDrop);
    }

    /** For calibrate: the exits module's choice (validated by the same rules as predict's). */
    ExitsEvaluation.Choice toChoice() {
        applyTo(SparkExitOptions.defaults());
        Choices x = c();
        if (x.threshold != null) {
            return new ExitsEvaluation.Fixed(x.threshold);
        }
        if (x.budget != null) {
            return new ExitsEvaluation.Budget(x.budget);
        }
        if (x.maxDrop != null) {
            return new ExitsEvaluation.MaxDrop(x.maxDrop);
        }
        return new ExitsEvaluation.Stored();
    }
}
