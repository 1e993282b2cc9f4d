package io.zerowaste.cli;

import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.exits.app.ExitsEvaluation;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The exit choice, {@code --threshold T | --budget B | --max-drop D}: at most one, or none for the bundle's calibrated setting. */
final class ExitChoiceOptions {

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

    ExitsEvaluation.Choice toChoice() {
        Choices c = choices == null ? new Choices() : choices;
        if (c.threshold != null) {
            return new ExitsEvaluation.Fixed(c.threshold);
        }
        if (c.budget != null) {
            if (!(c.budget > 0)) {
                throw ZeroWasteException.badInput("--budget must be a positive fraction of the backbone's cost, e.g. 0.5");
            }
            return new ExitsEvaluation.Budget(c.budget);
        }
        if (c.maxDrop != null) {
            if (c.maxDrop < 0) {
                throw ZeroWasteException.badInput("--max-drop must not be negative (accuracy points, e.g. 0.5)");
            }
            return new ExitsEvaluation.MaxDrop(c.maxDrop);
        }
        return new ExitsEvaluation.Stored();
    }
}
