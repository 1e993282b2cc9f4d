package io.zerowaste.spark;

import io.zerowaste.core.ZeroWasteException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failed Spark job back into the project's one-line errors: a {@link ZeroWasteException} thrown in a task
 * (a row with the wrong pixel length, say) reaches the driver wrapped in a SparkException with the task's
 * stack trace; the user gets its own message.
 */
public final class SparkErrors {

    private static final Pattern WRAPPED = Pattern.compile("io\\.zerowaste\\.core\\.ZeroWasteException: ([^\\n]*)");

    private SparkErrors() {}

    /** Runs {@code job}; a task's ZeroWasteException is rethrown on the driver as itself. */
    public static <T> T unwrap(Supplier<T> job) {
        try {
            return job.get();
        } catch (ZeroWasteException e) {
            throw e;
        } catch (Exception e) { // SparkException is checked, but Scala throws it from methods that do not declare it
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ZeroWasteException z) {
                    throw new ZeroWasteException(z.kind(), z.getMessage(), e);
                }
                Matcher m = WRAPPED.matcher(String.valueOf(t.getMessage()));
                if (m.find()) {
                    throw ZeroWasteException.badInput(m.group(1), e);
                }
            }
            throw ZeroWasteException.failure("the Spark job failed: " + firstLine(e) + " (run with --verbose for the trace)", e);
        }
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
