package io.zerowaste.cli;

/** Tables and summaries go to stdout; progress and logs to stderr. */
final class Console {

    private Console() {}

    static void out(Object s) {
        System.out.print(s);
        if (!s.toString().endsWith("\n")) {
            System.out.println();
        }
        System.out.flush();
    }

    static void info(String s) {
        System.err.println(s);
        System.err.flush();
    }
}
