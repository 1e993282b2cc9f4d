package io.zerowaste.serve;

import io.zerowaste.core.ZeroWasteException;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Serves the newest complete version in a model folder and swaps to each newer one as it appears
 * ({@link ModelDirectory} says what is complete and what is newer). A {@link WatchService} reports new folders at
 * once; a rescan every {@code rescan} catches what it misses (network file systems, overflow). A new version is
 * loaded and warmed beside the served one, then swapped in between micro-batches ({@link InferenceServer#serve}).
 * A version that fails to load or warm, or does not fit the served one, is not swapped in: the error is logged in
 * one line and counted, the old version keeps serving, and that folder is not tried again.
 * <p>
 * The Java API behind {@code serve --model-dir}, also for driving a server in-process (the lifecycle demo):
 * {@link #start}, {@link #port}, {@link #checkNow}, {@link #swapHistory}, {@link #stop}.
 */
public final class ModelDirServer implements AutoCloseable {

    private final InferenceServer server;
    private final Path dir;
    private final VersionLoader loader;
    private final Consumer<String> log;
    private final Set<Path> failed = new HashSet<>();
    private final Thread watcher;
    private final WatchService watch;
    private final long rescanMs;
    private volatile boolean running = true;
    private ModelDirectory.Candidate current;

    private ModelDirServer(InferenceServer server, Path dir, VersionLoader loader, Duration rescan, Consumer<String> log) throws IOException {
        this.server = server;
        this.dir = dir;
        this.loader = loader;
        this.log = log;
        this.rescanMs = Math.max(50, rescan.toMillis());
        this.watch = FileSystems.getDefault().newWatchService();
        dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        this.watcher = new Thread(this::watchLoop, "zerowaste-model-dir");
        watcher.setDaemon(true);
    }

    /**
     * Starts listening at once, loads the newest complete version in {@code dir} (health answers "loading" until
     * then), and watches {@code dir} for newer ones.
     *
     * @throws ZeroWasteException when {@code dir} holds no complete version or the newest one cannot be served
     */
    public static ModelDirServer start(ServeConfig config, Path dir, VersionLoader loader, Duration rescan, Consumer<String> log)
            throws IOException {
        if (!java.nio.file.Files.isDirectory(dir)) {
            throw ZeroWasteException.badInput("--model-dir " + dir + " is not a folder (pass the folder that holds one subfolder per version)");
        }
        if (ModelDirectory.newest(dir) == null) {
            throw ZeroWasteException.badInput("--model-dir " + dir + " holds no complete version (a subfolder with manifest.json, "
                    + "e.g. one written by 'zerowaste update --out')");
        }
        InferenceServer server = new InferenceServer(config).start();
        ModelDirServer s = new ModelDirServer(server, dir, loader, rescan, log);
        log.accept("listening on http://" + config.host() + ":" + server.port() + " (loading the newest version in " + dir + " …)");
        SwapHistory.Event first = s.checkNow();
        if (first == null || !first.ok()) {
            s.stop(0);
            throw ZeroWasteException.badInput("cannot serve the newest version in " + dir + ": " + (first == null ? "none found" : first.error()));
        }
        server.onReload(s::reloadAnswer);
        s.watcher.start();
        return s;
    }

    public int port() {
        return server.port();
    }

    public InferenceServer server() {
        return server;
    }

    /** The version answering now. */
    public String servedVersion() {
        ServedVersion v = server.served();
        return v == null ? null : v.version();
    }

    /** Every swap tried so far, the first version included. */
    public List<SwapHistory.Event> swapHistory() {
        return server.history().events();
    }

    /**
     * Looks at the folder now and swaps to its newest version if it is newer than the served one and was not
     * refused before. Returns what happened, or null when there was nothing new.
     */
    public synchronized SwapHistory.Event checkNow() {
        ModelDirectory.Candidate next;
        try {
            next = ModelDirectory.newest(dir);
        } catch (IOException e) {
            log.accept("cannot list " + dir + ": " + e.getMessage());
            return null;
        }
        if (next == null || failed.contains(next.dir()) || current != null
                && (next.dir().equals(current.dir()) || ModelDirectory.ORDER.compare(next, current) <= 0)) {
            return null;
        }
        ModelDirectory.Lineage lineage = ModelDirectory.lineage(next.dir());
        String name = next.name();
        long t0 = System.nanoTime();
        ServedVersion v = null;
        try {
            v = loader.load(next.dir(), name, lineage.parent());
            server.serve(v, (System.nanoTime() - t0) / 1e9);
        } catch (Exception | LinkageError e) {
            if (v != null) {
                v.release().run();
            }
            failed.add(next.dir());
            String why = oneLine(e);
            server.recordFailedSwap(name, (System.nanoTime() - t0) / 1e9, why);
            log.accept("version " + name + " (" + next.dir() + ") not served: " + why
                    + (current == null ? "" : "; still serving " + servedVersion()));
            return last();
        }
        current = next;
        SwapHistory.Event e = last();
        log.accept(String.format(java.util.Locale.ROOT, "serving version %s (%s) — loaded, warmed and swapped in %.2f s", name, next.dir(),
                e.seconds()));
        return e;
    }

    private SwapHistory.Event last() {
        List<SwapHistory.Event> h = server.history().events();
        return h.get(h.size() - 1);
    }

    /** What {@code POST /v1/admin/reload} answers. */
    private Object reloadAnswer() {
        SwapHistory.Event e = checkNow();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model_version", servedVersion());
        m.put("swapped", e != null && e.ok());
        if (e == null) {
            m.put("note", "no newer complete version in " + dir);
        } else if (!e.ok()) {
            m.put("refused", e.to());
            m.put("error", e.error());
        }
        return m;
    }

    private void watchLoop() {
        while (running) {
            try {
                WatchKey key = watch.poll(rescanMs, TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
                checkNow(); // on an event, and on every rescan period without one
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException e) {
                log.accept("model folder watch: " + oneLine(e));
            }
        }
    }

    static String oneLine(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Stops watching, then stops the server gracefully ({@link InferenceServer#shutdown}) and frees the served version. */
    public void stop(int graceSeconds) {
        running = false;
        watcher.interrupt();
        try {
            watch.close();
        } catch (IOException e) {
            // closing anyway
        }
        ServedVersion v = server.served();
        server.shutdown(graceSeconds);
        if (v != null) {
            v.release().run();
        }
    }

    @Override
    public void close() {
        stop(5);
    }
}
