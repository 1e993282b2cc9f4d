package io.zerowaste.serve;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Every attempt to serve a model version, in order: what was served before, what after, how long, and any error. */
public final class SwapHistory {

    /**
     * One attempt. {@code ok} false: the version was not swapped in ({@code error} says why) and {@code from} kept
     * serving. {@code from} is null for the first version.
     */
    public record Event(Instant at, String from, String to, boolean ok, double seconds, String error, Double monitorAccuracy) {}

    private static final int KEEP = 200;
    private final List<Event> events = new ArrayList<>();

    synchronized void add(Event e) {
        events.add(e);
        if (events.size() > KEEP) {
            events.remove(0);
        }
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }
}
