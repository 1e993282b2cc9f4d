package io.zerowaste.exits.predict;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Per backbone stage, the undecided samples waiting to run it, in arrival order. */
final class SamplePool implements AutoCloseable {

    private final List<Deque<SampleGroup>> waiting = new ArrayList<>();

    SamplePool(int stages) {
        for (int i = 0; i < stages; i++) {
            waiting.add(new ArrayDeque<>());
        }
    }

    int stages() {
        return waiting.size();
    }

    /** Queues {@code g} for {@code stage}; a null group (nothing left) is ignored. */
    void add(int stage, SampleGroup g) {
        if (g != null) {
            waiting.get(stage).addLast(g);
        }
    }

    boolean isEmpty(int stage) {
        return waiting.get(stage).isEmpty();
    }

    /** How many samples wait for {@code stage}. */
    int waiting(int stage) {
        int n = 0;
        for (SampleGroup g : waiting.get(stage)) {
            n += g.size();
        }
        return n;
    }

    /** Up to {@code batch} samples from the front of {@code stage}'s queue, as one group; a group cut in two leaves its tail. */
    SampleGroup take(int stage, int batch) {
        Deque<SampleGroup> q = waiting.get(stage);
        List<SampleGroup> parts = new ArrayList<>();
        int n = 0;
        while (n < batch && !q.isEmpty()) {
            SampleGroup g = q.pollFirst();
            int need = batch - n;
            if (g.size() > need) {
                q.addFirst(g.slice(need, g.size()));
                SampleGroup head = g.slice(0, need);
                g.close();
                g = head;
            }
            parts.add(g);
            n += g.size();
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        try {
            return SampleGroup.concat(parts);
        } finally {
            parts.forEach(SampleGroup::close);
        }
    }

    /** Frees whatever still waits (after an error). */
    @Override
    public void close() {
        waiting.forEach(q -> q.forEach(SampleGroup::close));
    }
}
