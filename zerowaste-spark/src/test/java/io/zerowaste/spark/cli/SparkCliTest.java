package io.zerowaste.spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerowaste.core.io.Json;
import io.zerowaste.spark.TinyBundle;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spark commands end to end in local[2] on the fixture, and their one-line errors with exit code 2. */
class SparkCliTest {

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int code = SparkCli.run(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void convertPredictAndCalibrateOnTheFixture() {
        String bundle = TinyBundle.dir().toString();
        String table = tmp.resolve("test.parquet").toString();
        Run convert = run("convert", TinyBundle.FIXTURE.toString(), table);
        assertThat(convert.code()).as(convert.err()).isZero();
        assertThat(convert.out()).contains("wrote 200 rows");

        String out = tmp.resolve("out.parquet").toString();
        Run predict = run("predict", "--master", "local[2]", "--model", bundle, "--input", table, "--output", out, "--threshold", "0.8",
                "--precision", "fp32");
        assertThat(predict.code()).as(predict.err()).isZero();
        assertThat(predict.err()).contains("precision fp32: asked for");
        assertThat(predict.out()).contains("threshold 0.8, fp32,").contains("images: 200").contains("exits per head:");
        SparkSession s = SparkSession.builder().master("local[1]").config("spark.driver.host", "127.0.0.1")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            var rows = s.read().parquet(out);
            assertThat(rows.count()).isEqualTo(200);
            assertThat(rows.columns()).containsExactly("id", "pixels", "true_label", "label", "class_name", "confidence", "exit_head",
                    "cost_fraction");
        } finally {
            s.stop();
        }

        Path results = tmp.resolve("calib");
        Run calibrate = run("calibrate", "--master", "local[2]", "--model", bundle, "--input", TinyBundle.FIXTURE.toString(),
                "--max-drop", "1", "--out", results.toString(), "--precision", "bf16");
        assertThat(calibrate.code()).as(calibrate.err()).isZero();
        assertThat(calibrate.err()).contains("precision bf16: asked for");
        assertThat(calibrate.out()).contains("budget").contains("chosen: MaxDrop").contains(" in bf16, ");
        Map<String, Object> file = Json.read(results.resolve("results.json"), Map.class);
        assertThat(file.get("kind")).isEqualTo("exits");
        Map<String, Object> config = (Map<String, Object>) ((Map<String, Object>) file.get("provenance")).get("config");
        assertThat(config).containsEntry("precision", "bf16").containsKey("precision_reason");
    }

    @Test
    void badInputIsOneLineWithExitCodeTwoBeforeSparkStarts() throws Exception {
        String bundle = TinyBundle.dir().toString();
        Run missing = run("predict", "--master", "local[2]", "--model", tmp.resolve("nope").toString(), "--input", "x", "--output", "y");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().strip()).startsWith("error: model bundle not found").doesNotContain("\n");

        Path corrupt = tmp.resolve("corrupt");
        Files.createDirectories(corrupt);
        for (Path f : Files.list(TinyBundle.dir()).toList()) {
            Files.copy(f, corrupt.resolve(f.getFileName()));
        }
        Files.write(corrupt.resolve("parameters.bin"), new byte[] {1, 2, 3});
        Run bad = run("predict", "--model", corrupt.toString(), "--input", "x", "--output", "y");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).startsWith("error: corrupt bundle").doesNotContain("\n");

        Run master = run("predict", "--master", "spark://127.0.0.1:9", "--model", bundle, "--input",
                TinyBundle.FIXTURE.resolve("t10k-images-idx3-ubyte.gz").toString(), "--output", tmp.resolve("o").toString());
        assertThat(master.code()).isEqualTo(2);
        assertThat(master.err().strip()).startsWith("error: cannot reach the Spark master at 127.0.0.1:9").doesNotContain("\n");

        Run both = run("predict", "--model", bundle, "--input", "x", "--output", "y", "--threshold", "0.5", "--budget", "0.5");
        assertThat(both.code()).isEqualTo(2);

        Run half = run("predict", "--model", bundle, "--input", "x", "--output", "y", "--precision", "fp16");
        assertThat(half.code()).isEqualTo(2);
        assertThat(half.err().strip()).contains("unknown precision 'fp16'").contains("fp32, bf16 or auto").doesNotContain("\n");
    }

    @Test
    void precisionIsParsedOnPredictCalibrateAndBenchAndDefaultsToAuto() {
        String[][] commands = {{"predict", "--model", "b", "--input", "i", "--output", "o"}, {"calibrate", "--model", "b", "--input", "i",
                "--out", "o"}, {"bench", "--model", "b"}};
        for (String[] c : commands) {
            assertThat(precision(c)).as(c[0]).isEqualTo(io.zerowaste.nn.engine.Precision.AUTO);
            String[] bf16 = java.util.Arrays.copyOf(c, c.length + 2);
            bf16[c.length] = "--precision";
            bf16[c.length + 1] = "BF16";
            assertThat(precision(bf16)).as(c[0]).isEqualTo(io.zerowaste.nn.engine.Precision.BF16);
        }
    }

    private static io.zerowaste.nn.engine.Precision precision(String... args) {
        Object c = new picocli.CommandLine(new SparkCli()).parseArgs(args).subcommand().commandSpec().userObject();
        if (c instanceof SparkPredictCommand p) {
            return p.precision.precision;
        }
        return c instanceof SparkCalibrateCommand k ? k.precision.precision : ((BenchSparkCommand) c).precision.precision;
    }
}
