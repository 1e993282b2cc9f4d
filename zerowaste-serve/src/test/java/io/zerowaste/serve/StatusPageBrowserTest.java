package io.zerowaste.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live page in headless Chromium, before and after a swap: the version it shows follows the served one. Skipped
 * where Chromium is not installed (.ci/run installs it). With {@code ZEROWASTE_SCREENSHOTS=DIR} in the environment it also saves
 * screenshots of both.
 */
@Tag("chromium")
class StatusPageBrowserTest {

    static final Path CHROMIUM = Path.of(System.getProperty("zerowaste.chromium", "/usr/bin/chromium"));
    private static final Pattern SHOWN = Pattern.compile("id=\"served-version\">([^<]*)<");

    @TempDir
    Path dir;

    @TempDir
    Path profile;

    @Test
    void thePageShowsTheServedVersionBeforeAndAfterASwap() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM);
        FakeVersions.write(dir, "v1", "1", "resnet14", 1, 28, false);
        try (ModelDirServer server = ModelDirServer.start(new ServeConfig("127.0.0.1", 0, 8, 2, 64, 1 << 20, 16, 4), dir, new FakeVersions(),
                Duration.ofMillis(100), line -> {})) {
            String url = "http://127.0.0.1:" + server.port() + "/";
            String before = dumpDom(url);
            assertThat(shown(before)).isEqualTo("1");
            assertThat(before).contains("Exits per head", "Swap history", "MACs saved").doesNotContain("<script");
            screenshot(url, "serve-live-before-swap.png");

            FakeVersions.write(dir, "v2", "2", "resnet14", 1, 28, false);
            long end = System.currentTimeMillis() + 10_000;
            while (!"2".equals(server.servedVersion()) && System.currentTimeMillis() < end) {
                Thread.sleep(20);
            }
            String after = dumpDom(url);
            assertThat(shown(after)).isEqualTo("2");
            assertThat(after).contains("1 → 2");
            screenshot(url, "serve-live-after-swap.png");
        }
    }

    private static String shown(String dom) {
        Matcher m = SHOWN.matcher(dom);
        assertThat(m.find()).as("the page shows a served version").isTrue();
        return m.group(1);
    }

    private String dumpDom(String url) throws Exception {
        Path out = Files.createTempFile(profile, "dom", ".html");
        run(List.of("--dump-dom", url), out);
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private void screenshot(String url, String name) throws Exception {
        String dest = System.getProperty("zerowaste.screenshots", System.getenv("ZEROWASTE_SCREENSHOTS"));
        if (dest == null || dest.isBlank()) {
            return;
        }
        Files.createDirectories(Path.of(dest));
        run(List.of("--window-size=1100,900", "--screenshot=" + Path.of(dest, name).toAbsolutePath(), url), null);
    }

    private void run(List<String> args, Path stdout) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile.resolve("chrome")));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout.toFile()));
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 60 s: " + cmd);
        }
    }
}
