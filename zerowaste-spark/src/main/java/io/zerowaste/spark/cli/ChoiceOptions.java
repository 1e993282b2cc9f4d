package io.zerowaste.spark.cli;

import io.zerowaste.exits.app.ExitChoiceOptions;
import io.zerowaste.spark.SparkExitOptions;

/** {@code --threshold T | --budget B | --max-drop D}, exits' shared options (as in {@code exits eval}), and how predict passes them on. */
final class ChoiceOptions extends ExitChoiceOptions {

    /** For predict: the choice in the options (validated there). */
    SparkExitOptions applyTo(SparkExitOptions o) {
        return o.withThreshold(threshold()).withBudget(budget()).withMaxDrop(maxDrop());
    }
}
