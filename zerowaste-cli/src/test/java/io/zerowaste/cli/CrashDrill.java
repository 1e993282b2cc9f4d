package io.zerowaste.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToIntFunction;

/**
 * kill -9 at a seeded random moment, then {@code --resume}. The command runs three times in child JVMs: once
 * uninterrupted (the reference, timed per checkpoint), once killed with SIGKILL after a random number k ≥ 1 of
 * checkpointed units (epochs, or experiences) plus a random fraction of the next unit's reference duration, and
 * once resumed in the killed run's folder.
 */
final class CrashDrill {

    /** How many units a run folder holds in its checkpoints now (0 when none can be read at this instant). */
    interface Probe extends ToIntFunction<Path> {}

    /** What the drill saw; times in milliseconds. */
    record Outcome(Path reference, Path crashed, String referenceLog, String killedLog, String resumedLog, int killAfterUnits,
            long killDelayMs, long referenceMs, long killedMs, long resumedMs) {

        String describe(String name) {
            return String.format(java.util.Locale.ROOT, "%s: reference %.1f s; killed after %d units + %d ms (%.1f s); resumed %.1f s",
                    name, referenceMs / 1e3, killAfterUnits, killDelayMs, killedMs / 1e3, resumedMs / 1e3);
        }
    }

    private static final long POLL_MS = 20;
    private static final long TIMEOUT_S = 300;

    private final Path tmp;
    private final Random random;

    /** {@code seed}: the kill moment's RNG; set -Dzerowaste.killSeed to try other moments. */
    CrashDrill(Path tmp, long seed) {
        this.tmp = tmp;
        this.random = new Random(Long.getLong("zerowaste.killSeed", seed));
    }

    Outcome run(List<String> command, Probe probe, int totalUnits) throws Exception {
        Path ref = tmp.resolve("reference");
        long t0 = System.nanoTime();
        CliProcess reference = CliProcess.start(tmp.resolve("reference.log"), withOut(command, ref, false));
        long[] seenAt = timeUnits(reference, ref, probe, totalUnits, t0);
        assertThat(reference.waitFor(TIMEOUT_S)).as("the uninterrupted run's exit code; log:\n%s", reference.log()).isZero();
        long referenceMs = (System.nanoTime() - t0) / 1_000_000;

        // k ≥ 1 finished units, then up to 90 % of the next unit's reference duration: the run is still going
        int k = 1 + random.nextInt(totalUnits - 1);
        long delay = (long) (random.nextDouble() * 0.9 * (seenAt[k + 1] - seenAt[k]));
        Path crash = tmp.resolve("crashed");
        long t1 = System.nanoTime();
        CliProcess killed = CliProcess.start(tmp.resolve("killed.log"), withOut(command, crash, false));
        while (probe.applyAsInt(crash) < k) {
            assertThat(killed.isAlive()).as("the run to kill ended early; log:\n%s", killed.log()).isTrue();
            Thread.sleep(POLL_MS);
        }
        Thread.sleep(delay);
        assertThat(killed.isAlive()).as("the run ended before the kill; log:\n%s", killed.log()).isTrue();
        killed.killHard();
        long killedMs = (System.nanoTime() - t1) / 1_000_000;

        long t2 = System.nanoTime();
        CliProcess resumed = CliProcess.start(tmp.resolve("resumed.log"), withOut(command, crash, true));
        assertThat(resumed.waitFor(TIMEOUT_S)).as("the resumed run's exit code; log:\n%s", resumed.log()).isZero();
        long resumedMs = (System.nanoTime() - t2) / 1_000_000;
        return new Outcome(ref, crash, reference.log(), killed.log(), resumed.log(), k, delay, referenceMs, killedMs, resumedMs);
    }

    /** seenAt[u]: milliseconds from t0 until u units were checkpointed (seenAt[0] = 0). */
    private static long[] timeUnits(CliProcess p, Path runDir, Probe probe, int totalUnits, long t0) throws Exception {
        long[] seenAt = new long[totalUnits + 1];
        int seen = 0;
        boolean alive = true;
        while (seen < totalUnits && alive) {
            alive = p.isAlive(); // read before the probe, so the units of a run that just ended are still counted
            int now = probe.applyAsInt(runDir);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            for (int u = seen + 1; u <= now; u++) {
                seenAt[u] = ms;
            }
            seen = Math.max(seen, now);
            Thread.sleep(POLL_MS);
        }
        assertThat(seen).as("units seen checkpointed by the uninterrupted run; log:\n%s", p.log()).isEqualTo(totalUnits);
        return seenAt;
    }

    private static List<String> withOut(List<String> command, Path out, boolean resume) {
        List<String> args = new ArrayList<>(command);
        args.add("--out");
        args.add(out.toString());
        if (resume) {
            args.add("--resume");
        }
        return args;
    }

    /** Lines of {@code log} that match {@code regex} in full. */
    static long countLines(String log, String regex) {
        return log.lines().filter(l -> l.matches(regex)).count();
    }
}
