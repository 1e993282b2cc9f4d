package io.zerowaste.core;

/**
 * The project's one error type: a one-line message that names the problem and the fix.
 * The CLI prints the message and exits with {@link Kind#exitCode()}.
 */
public class ZeroWasteException extends RuntimeException {

    /** Whether the user can fix it by changing the input (exit 2) or something failed (exit 1). */
    public enum Kind {
        BAD_INPUT(2),
        FAILURE(1);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    private final Kind kind;

    public ZeroWasteException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ZeroWasteException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public static ZeroWasteException badInput(String message) {
        return new ZeroWasteException(Kind.BAD_INPUT, message);
    }

    public static ZeroWasteException badInput(String message, Throwable cause) {
        return new ZeroWasteException(Kind.BAD_INPUT, message, cause);
    }

    public static ZeroWasteException failure(String message, Throwable cause) {
        return new ZeroWasteException(Kind.FAILURE, message, cause);
    }

    public Kind kind() {
        return kind;
    }
}
