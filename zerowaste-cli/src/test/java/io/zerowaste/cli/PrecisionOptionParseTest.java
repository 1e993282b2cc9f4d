package io.zerowaste.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerowaste.nn.engine.Precision;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

/** {@code --precision} on {@code serve} and {@code bench serve}: parsed case-insensitively, {@code auto} by default, bad values refused. */
class PrecisionOptionParseTest {

    private static Precision parse(String... args) {
        ParseResult r = ZeroWasteCli.commandLine().parseArgs(args);
        while (r.hasSubcommand()) {
            r = r.subcommand();
        }
        Object command = r.commandSpec().userObject();
        return command instanceof ServeCommand s ? s.precision.precision : ((BenchServeCommand) command).precision.precision;
    }

    @Test
    void serveAndBenchServeTakeFp32Bf16OrAutoAndDefaultToAuto() {
        for (List<String> cmd : List.of(List.of("serve", "--model", "b"), List.of("serve", "--model-dir", "d"), List.of("bench", "serve"))) {
            String[] base = cmd.toArray(String[]::new);
            assertThat(parse(base)).as("%s default", cmd).isEqualTo(Precision.AUTO);
            assertThat(parse(concat(base, "--precision", "bf16"))).isEqualTo(Precision.BF16);
            assertThat(parse(concat(base, "--precision", "FP32"))).isEqualTo(Precision.FP32);
            assertThat(parse(concat(base, "--precision", "auto"))).isEqualTo(Precision.AUTO);
        }
        CliErrorsTest.assertOneLine(CliErrorsTest.run("serve", "--model", "b", "--precision", "fp16"), "--precision",
                "unknown precision 'fp16'", "fp32, bf16 or auto");
        CliErrorsTest.assertOneLine(CliErrorsTest.run("bench", "serve", "--precision", "half"), "unknown precision 'half'");
    }

    /** The commands that gained --precision last: update, continual tune and glimpse explain take it like the rest. */
    @Test
    void updateContinualTuneAndGlimpseExplainTakeItToo() {
        for (List<String> cmd : List.of(List.of("update", "--model", "m", "--data", "d", "--out", "o"),
                List.of("continual", "tune", "--strategy", "ewc", "--param", "lr", "--values", "0.1,0.2"),
                List.of("glimpse", "explain", "--model", "m", "--out", "x.png"))) {
            String[] base = cmd.toArray(String[]::new);
            assertThat(precisionOf(base)).as("%s default", cmd).isEqualTo(Precision.AUTO);
            assertThat(precisionOf(concat(base, "--precision", "bf16"))).isEqualTo(Precision.BF16);
            CliErrorsTest.assertOneLine(CliErrorsTest.run(concat(base, "--precision", "fp16")), "unknown precision 'fp16'");
        }
    }

    /** The leaf command's --precision, read through picocli's model (whichever command it is). */
    private static Precision precisionOf(String... args) {
        ParseResult r = ZeroWasteCli.commandLine().parseArgs(args);
        while (r.hasSubcommand()) {
            r = r.subcommand();
        }
        return r.commandSpec().findOption("--precision").getValue(); // the field's value after parsing, default applied
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
