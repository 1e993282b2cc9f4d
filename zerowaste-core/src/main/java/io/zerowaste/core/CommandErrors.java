package io.zerowaste.core;

import java.io.PrintWriter;

/**
 * How a command that ended with an exception is reported: one line on stderr and an exit code (1 failure, 2 bad
 * input), the stack trace only when asked for. The one place errors become exit codes, shared by both entry points
 * (the {@code zerowaste} CLI and {@code zerowaste spark}), whose picocli execution handlers only call {@link #report}.
 */
public final class CommandErrors {

    private CommandErrors() {}

    /**
     * Prints the error and returns its exit code: a {@link ZeroWasteException} anywhere in the cause chain gives its
     * message and kind; anything else is a failure, named by its class (a bug: {@code --verbose} shows where).
     */
    public static int report(Exception ex, PrintWriter err, boolean verbose) {
        Throwable cause = ex;
        while (!(cause instanceof ZeroWasteException) && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        int code;
        if (cause instanceof ZeroWasteException z) {
            err.println("error: " + firstLine(z.getMessage()));
            code = z.kind().exitCode();
        } else {
            err.println("error: " + ex.getClass().getSimpleName() + ": " + firstLine(String.valueOf(ex.getMessage()))
                    + " (rerun with --verbose for the stack trace)");
            code = ZeroWasteException.Kind.FAILURE.exitCode();
        }
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** The first line of a message, trimmed ("" for none): errors stay one line. */
    public static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
