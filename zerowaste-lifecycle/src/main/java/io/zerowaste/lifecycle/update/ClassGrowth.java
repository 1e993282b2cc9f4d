package io.zerowaste.lifecycle.update;

import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.data.ImageSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The class-name rule of an update. Labels are class ids. The bundle knows ids 0..K−1 (its {@code class_names});
 * new data may use known ids and new ones, and new ids must continue the range without a gap (K, K+1, …, K'−1,
 * each with at least one image). A known id keeps its name for ever; a new id takes its name from the data's
 * {@code classes.txt} (line i names id i), else {@code class-<id>}.
 *
 * @param classNames the names of every class the updated model predicts (K' of them)
 * @param newClasses the names of ids K..K'−1
 * @param present which ids the new data holds
 */
public record ClassGrowth(List<String> classNames, List<String> newClasses, boolean[] present) {

    public int known() {
        return classNames.size() - newClasses.size();
    }

    public int total() {
        return classNames.size();
    }

    public boolean grows() {
        return !newClasses.isEmpty();
    }

    public static ClassGrowth of(List<String> known, ImageSet data, List<String> dataNames, Object source) {
        int k = known.size();
        int total = Math.max(k, data.numClasses());
        boolean[] present = new boolean[total];
        for (int l : data.labels()) {
            if (l < 0) {
                throw ZeroWasteException.badInput("the new data in " + source + " has the negative label " + l);
            }
            present[l] = true;
        }
        List<String> names = new ArrayList<>(known);
        List<String> added = new ArrayList<>();
        for (int id = k; id < total; id++) {
            if (!present[id]) {
                throw ZeroWasteException.badInput("the new data in " + source + " has labels up to " + (total - 1) + " but none with id "
                        + id + ": the model knows ids 0.." + (k - 1) + ", and new classes must be numbered " + k
                        + ", " + (k + 1) + ", … without a gap (renumber the labels)");
            }
            String name = dataNames != null && id < dataNames.size() ? dataNames.get(id) : "class-" + id;
            if (names.contains(name)) {
                throw ZeroWasteException.badInput("new class id " + id + " is named '" + name + "', the name of a class the model knows"
                        + " (a known class keeps its id: fix the labels or " + UpdateData.CLASS_NAMES_FILE + " in " + source + ")");
            }
            names.add(name);
            added.add(name);
        }
        if (dataNames != null) {
            for (int id = 0; id < Math.min(k, dataNames.size()); id++) {
                if (!dataNames.get(id).equals(known.get(id))) {
                    throw ZeroWasteException.badInput(UpdateData.CLASS_NAMES_FILE + " in " + source + " names id " + id + " '" + dataNames.get(id)
                            + "' but the model calls it '" + known.get(id) + "' (a known id keeps its name; fix the labels or the file)");
                }
            }
        }
        return new ClassGrowth(List.copyOf(names), List.copyOf(added), present);
    }
}
