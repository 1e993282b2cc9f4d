package io.zerowaste.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CommandErrorsTest {

    private final StringWriter out = new StringWriter();
    private final PrintWriter err = new PrintWriter(out);

    @Test
    void aZeroWasteExceptionInTheCauseChainGivesItsFirstLineAndItsKindsExitCode() {
        Exception wrapped = new RuntimeException("picocli wrapper", ZeroWasteException.badInput("no such file: x (pass --data)\nsecond line"));
        assertThat(CommandErrors.report(wrapped, err, false)).isEqualTo(2);
        assertThat(out.toString()).isEqualTo("error: no such file: x (pass --data)" + System.lineSeparator());

        StringWriter out2 = new StringWriter();
        assertThat(CommandErrors.report(ZeroWasteException.failure("disk full", null), new PrintWriter(out2), false)).isEqualTo(1);
        assertThat(out2.toString()).startsWith("error: disk full");
    }

    @Test
    void anyOtherExceptionIsAFailureNamedByItsClassWithTheStackTraceOnlyWhenVerbose() {
        assertThat(CommandErrors.report(new IllegalStateException("boom\nmore"), err, false)).isEqualTo(1);
        assertThat(out.toString()).isEqualTo("error: IllegalStateException: boom (rerun with --verbose for the stack trace)" + System.lineSeparator());

        StringWriter verbose = new StringWriter();
        assertThat(CommandErrors.report(new IllegalStateException("boom"), new PrintWriter(verbose), true)).isEqualTo(1);
        assertThat(verbose.toString()).contains("java.lang.IllegalStateException: boom").contains("\tat ");
    }

    @Test
    void firstLineTrimsAndCopesWithNull() {
        assertThat(CommandErrors.firstLine(null)).isEmpty();
        assertThat(CommandErrors.firstLine("  one \ntwo")).isEqualTo("one");
    }
}
