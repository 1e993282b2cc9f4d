package io.zerowaste.exits.app;

import io.zerowaste.core.ZeroWasteException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The exit choice, {@code --threshold T | --budget B | --max-drop D}: at most one, or none for the bundle's calibrated
 * setting. A picocli mixin shared by the two command lines that choose exits, zerowaste-cli ({@code exits eval},
 * {@code serve}) and zerowaste-spark's; it lives here because neither may import the other. picocli is an optional
 * dependency of this module: only those command lines, which have it, use this class.
 */
public class ExitChoiceOptions {

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

    /** {@code --threshold}, or null. */
    public Double threshold() {
        return c().threshold;
    }

    /** {@code --budget}, or null. */
    public Double budget() {
        return c().budget;
    }

    /** {@code --max-drop}, or null. */
    public Double maxDrop() {
        return c().maxDrop;
    }

    /** The choice the options make, or {@link ExitsEvaluation.Stored} when they make none. */
    public ExitsEvaluation.Choice toChoice() {
        Choices c = c();
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
            if (!(c.maxDrop >= 0)) { // NaN too
                throw ZeroWasteException.badInput("--max-drop must not be negative (accuracy points, e.g. 0.5)");
            }
            return new ExitsEvaluation.MaxDrop(c.maxDrop);
        }
        return new ExitsEvaluation.Stored();
    }
}
