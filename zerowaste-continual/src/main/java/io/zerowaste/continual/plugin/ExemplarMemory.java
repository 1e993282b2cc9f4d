package io.zerowaste.continual.plugin;

import io.zerowaste.core.data.ImageSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fixed budget of M stored samples, split evenly across groups (a class; for domain-il a class in one
 * experience). Each group keeps its herding ranking, so adding groups shrinks the others by truncation.
 */
public final class ExemplarMemory {

    private final int capacity;
    private final Map<String, ImageSet> groups = new LinkedHashMap<>();

    public ExemplarMemory(int capacity) {
        this.capacity = capacity;
    }

    /** Adds (or replaces) groups, each ranked best first, then trims every group to its share of M. */
    public void add(Map<String, ImageSet> ranked) {
        groups.putAll(ranked);
        int g = groups.size();
        int k = 0;
        for (Map.Entry<String, ImageSet> e : groups.entrySet()) {
            int share = capacity / g + (k++ < capacity % g ? 1 : 0);
            e.setValue(e.getValue().head(share));
        }
    }

    public int capacity() {
        return capacity;
    }

    public Map<String, ImageSet> groups() {
        return groups;
    }

    /** Every stored sample, group after group (null when empty). */
    public ImageSet all() {
        List<ImageSet> sets = new ArrayList<>(groups.values());
        if (sets.isEmpty()) {
            return null;
        }
        ImageSet out = sets.get(0);
        for (int i = 1; i < sets.size(); i++) {
            out = out.concat(sets.get(i));
        }
        return out.size() == 0 ? null : out;
    }

    public int size() {
        return groups.values().stream().mapToInt(ImageSet::size).sum();
    }
}
