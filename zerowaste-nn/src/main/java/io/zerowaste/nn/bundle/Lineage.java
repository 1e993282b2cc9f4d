package io.zerowaste.nn.bundle;

import java.util.List;

/**
 * Where a bundle version comes from (written by {@code zerowaste update}; absent from bundles made by a plain
 * training run, which count as version 1 without a parent).
 *
 * @param version 1 for the first model of a lineage, parent's version + 1 for each update
 * @param parent the id of the bundle this version was updated from ({@code method@sha12}), null for version 1
 * @param classesKnown how many classes this version predicts (ids 0..classesKnown−1, named in {@code class_names})
 * @param newClasses the names of the classes this version added (empty when it only saw more data of known classes)
 * @param strategy how the backbone was updated: replay, cumulative, finetune, or "initial"
 * @param trainingMacs the multiply-accumulates spent making this version (training ×3 per sample, inference ×1)
 * @param lineageTrainingMacs this version's MACs plus every ancestor's
 * @param threshold the exit threshold recalibrated for this version
 * @param rule the calibration rule it was chosen by, kept for the next update: "max_drop" or "budget"
 * @param ruleValue the max drop (fraction) or budget (fraction of the backbone's cost)
 * @param memoryFile the replay memory inside the bundle (null: none), {@code memorySha256} its checksum
 * @param memorySamples how many images the memory holds, at most {@code memoryCapacity}
 */
public record Lineage(int version, String parent, int classesKnown, List<String> newClasses, String strategy, long trainingMacs,
        long lineageTrainingMacs, double threshold, String rule, double ruleValue, String memoryFile, String memorySha256,
        int memorySamples, int memoryCapacity) {

    public static final String MAX_DROP = "max_drop";
    public static final String BUDGET = "budget";

    public Lineage {
        newClasses = newClasses == null ? List.of() : List.copyOf(newClasses);
    }
}
